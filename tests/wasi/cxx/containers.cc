// Containers and algorithms of the C++ standard library: vector, deque,
// list, map, set, unordered_map (printed sorted: bucket order differs between
// libc++ and libstdc++), string, and the algorithms over them.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <list>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

template <class C> static void show(const char *name, const C &c) {
  std::printf("%s:", name);
  for (const auto &x : c) std::printf(" %d", x);
  std::printf("\n");
}

int main() {
  std::vector<int> v;
  unsigned s = 7;
  for (int i = 0; i < 50; i++) s = s * 1103515245u + 12345u, v.push_back(int(s >> 16) % 100);
  show("v", v);
  std::vector<int> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  show("sorted", sorted);
  auto last = std::unique(sorted.begin(), sorted.end());
  sorted.erase(last, sorted.end());
  std::printf("unique %zu\n", sorted.size());
  std::printf("sum %d max %d min %d\n", std::accumulate(v.begin(), v.end(), 0), *std::max_element(v.begin(), v.end()),
              *std::min_element(v.begin(), v.end()));
  std::printf("count>50 %ld\n", long(std::count_if(v.begin(), v.end(), [](int x) { return x > 50; })));
  auto lb = std::lower_bound(sorted.begin(), sorted.end(), 42);
  std::printf("lower_bound 42 -> %d at %ld\n", lb != sorted.end() ? *lb : -1, long(lb - sorted.begin()));
  std::vector<int> w(v);
  std::stable_partition(w.begin(), w.end(), [](int x) { return x % 2 == 0; });
  show("partitioned", w);
  std::reverse(w.begin(), w.end());
  std::rotate(w.begin(), w.begin() + 5, w.end());
  show("rotated", w);
  std::vector<int> sq(v.size());
  std::transform(v.begin(), v.end(), sq.begin(), [](int x) { return x * x; });
  std::printf("inner %lld\n", std::inner_product(v.begin(), v.end(), sq.begin(), 0LL));
  std::vector<int> p = {1, 2, 3, 4};
  int perms = 0;
  do perms++; while (std::next_permutation(p.begin(), p.end()));
  std::printf("perms %d\n", perms);
  std::deque<int> dq;
  for (int i = 0; i < 10; i++) (i % 2 ? dq.push_front(i) : dq.push_back(i));
  show("deque", dq);
  std::list<int> l(v.begin(), v.begin() + 15);
  l.sort();
  l.remove_if([](int x) { return x < 20; });
  show("list", l);
  std::map<std::string, int> m;
  const char *text = "the cat and the dog and the bird saw a cat";
  std::string word;
  for (const char *c = text;; c++) {
    if (*c == ' ' || !*c) {
      if (!word.empty()) m[word]++;
      word.clear();
      if (!*c) break;
    } else {
      word += *c;
    }
  }
  for (auto &kv : m) std::printf("map %s=%d\n", kv.first.c_str(), kv.second);
  std::unordered_map<int, std::string> um;
  for (int i = 0; i < 30; i++) um[i * 37 % 101] = std::to_string(i * i);
  std::vector<std::pair<int, std::string>> items(um.begin(), um.end());
  std::sort(items.begin(), items.end());
  std::printf("unordered %zu:", um.size());
  for (auto &kv : items) std::printf(" %d:%s", kv.first, kv.second.c_str());
  std::printf("\n");
  std::set<int> st(v.begin(), v.end());
  std::printf("set size %zu first %d last %d has42 %d\n", st.size(), *st.begin(), *st.rbegin(), int(st.count(42)));
  std::multiset<int> ms(v.begin(), v.end());
  std::printf("multiset count of v[0] %zu\n", ms.count(v[0]));
  std::string str = "Hello, containers!";
  std::string up = str;
  std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return char(std::toupper(c)); });
  std::printf("string %s find %zu substr %s rfind %zu\n", up.c_str(), str.find("con"), str.substr(7, 4).c_str(),
              str.rfind('o'));
  str.replace(0, 5, "Goodbye");
  str.insert(str.size() - 1, " and more");
  std::printf("%s (%zu)\n", str.c_str(), str.size());
  std::vector<std::vector<double>> grid(5, std::vector<double>(5));
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 5; j++) grid[i][j] = i * 0.5 + j;
  double tot = 0;
  for (auto &row : grid) tot += std::accumulate(row.begin(), row.end(), 0.0);
  std::printf("grid %.2f\n", tot);
  std::vector<int> big;
  for (int i = 0; i < 1000000; i++) big.push_back(i ^ (i >> 3));
  std::sort(big.begin(), big.end(), std::greater<int>());
  std::printf("big %d %d %d\n", big.front(), big[500000], big.back());
  return 0;
}
