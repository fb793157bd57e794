// Classes: virtual calls through base pointers, abstract bases, multiple
// inheritance, virtual destructors (order printed), templates, operator
// overloading, lambdas and std::function, smart pointers, static init.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

static int live = 0;

struct Shape {
  std::string name;
  explicit Shape(std::string n) : name(std::move(n)) { live++; }
  virtual ~Shape() { std::printf("~Shape %s\n", name.c_str()), live--; }
  virtual double area() const = 0;
  virtual std::string describe() const { return name + " area " + std::to_string(area()); }
};
struct Rect : Shape {
  double w, h;
  Rect(double w_, double h_) : Shape("rect"), w(w_), h(h_) {}
  ~Rect() override { std::printf("~Rect\n"); }
  double area() const override { return w * h; }
};
struct Square final : Rect {
  explicit Square(double s) : Rect(s, s) { name = "square"; }
  ~Square() override { std::printf("~Square\n"); }
  std::string describe() const override { return "a " + Rect::describe(); }
};
struct Circle : Shape {
  double r;
  explicit Circle(double r_) : Shape("circle"), r(r_) {}
  double area() const override { return 3.14159 * r * r; }
};

struct Printable {
  virtual ~Printable() = default;
  virtual void print() const = 0;
};
struct Counted {
  static int count;
  Counted() { count++; }
  virtual int id() const { return count; }
  virtual ~Counted() = default;
};
int Counted::count = 0;
struct Both : Printable, Counted {
  int v;
  explicit Both(int v_) : v(v_) {}
  void print() const override { std::printf("Both %d id %d\n", v, id()); }
  int id() const override { return v * 100 + Counted::id(); }
};

template <class T> struct Vec2 {
  T x, y;
  Vec2 operator+(const Vec2 &o) const { return {x + o.x, y + o.y}; }
  Vec2 operator*(T k) const { return {x * k, y * k}; }
  bool operator==(const Vec2 &o) const { return x == o.x && y == o.y; }
  T dot(const Vec2 &o) const { return x * o.x + y * o.y; }
};

template <class T> static T sum_all(const std::vector<T> &v) {
  T s{};
  for (const T &x : v) s = s + x;
  return s;
}

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static const int kStaticFib = fib(20);

struct Tracker {
  int n;
  explicit Tracker(int n_) : n(n_) { std::printf("Tracker %d\n", n); }
  ~Tracker() { std::printf("~Tracker %d\n", n); }
};
static Tracker global_tracker(0);

int main() {
  std::printf("static fib %d\n", kStaticFib);
  {
    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.push_back(std::make_unique<Rect>(2, 3));
    shapes.push_back(std::make_unique<Square>(4));
    shapes.push_back(std::make_unique<Circle>(1.5));
    double total = 0;
    for (auto &s : shapes) {
      std::printf("%s\n", s->describe().c_str());
      total += s->area();
    }
    std::printf("total %.4f live %d\n", total, live);
    // A vector's destruction order is unspecified (libc++ and libstdc++
    // differ): empty it from the back.
    while (!shapes.empty()) shapes.pop_back();
  }
  std::printf("live after %d\n", live);
  Both b(7);
  Printable *pp = &b;
  Counted *cp = &b;
  pp->print();
  std::printf("via Counted %d dynamic_cast %d\n", cp->id(), dynamic_cast<Both *>(cp) == &b);
  Vec2<int> a{1, 2}, c{3, 4};
  Vec2<int> d = a + c * 2;
  std::printf("vec %d %d dot %d eq %d\n", d.x, d.y, a.dot(c), int(d == Vec2<int>{7, 10}));
  std::vector<Vec2<double>> vs = {{0.5, 1.5}, {2, 3}, {-1, 4}};
  auto s = sum_all(vs);
  std::printf("sum %.2f %.2f; ints %d\n", s.x, s.y, sum_all(std::vector<int>{1, 2, 3, 4}));
  int base = 10;
  std::function<int(int)> f = [base](int x) { return x + base; };
  std::function<int(int)> g = [&f](int x) { return f(x) * 2; };
  std::vector<std::function<int(int)>> chain = {f, g, [](int x) { return x - 1; }};
  int v = 1;
  for (auto &fn : chain) v = fn(v);
  std::printf("chain %d\n", v);
  auto shared = std::make_shared<Tracker>(1);
  {
    auto copy = shared;
    std::printf("use_count %ld\n", long(shared.use_count()));
  }
  std::printf("use_count %ld\n", long(shared.use_count()));
  std::weak_ptr<Tracker> weak = shared;
  shared.reset();
  std::printf("expired %d\n", int(weak.expired()));
  Tracker local(2);
  return 0;
}
