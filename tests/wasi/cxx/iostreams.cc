// iostreams formatting: widths, fill, precision, fixed/scientific, bases,
// showbase/showpos/boolalpha/uppercase, strings; stringstream parsing.
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

int main() {
  std::cout << "int " << 42 << ' ' << -7 << ' ' << 0 << ' ' << 2147483647 << ' ' << (-2147483647 - 1) << '\n';
  std::cout << "long long " << 9223372036854775807LL << ' ' << 18446744073709551615ULL << '\n';
  std::cout << "width [" << std::setw(8) << 42 << "] [" << std::left << std::setw(8) << 42 << "] ["
            << std::right << std::setfill('*') << std::setw(8) << -42 << "]" << std::setfill(' ') << '\n';
  std::cout << "internal [" << std::internal << std::setw(8) << -42 << "]" << std::right << '\n';
  std::cout << "bases " << std::hex << 255 << ' ' << std::oct << 255 << ' ' << std::dec << 255 << ' '
            << std::showbase << std::hex << 255 << ' ' << std::uppercase << 255 << std::nouppercase << ' '
            << std::oct << 8 << std::dec << std::noshowbase << '\n';
  std::cout << "bool " << true << ' ' << std::boolalpha << true << ' ' << false << std::noboolalpha << '\n';
  std::cout << "showpos " << std::showpos << 5 << ' ' << 0 << ' ' << -5 << std::noshowpos << '\n';
  const double ds[] = {0.0, -0.0, 1.0, 0.1, 1.0 / 3, 123456.789, 1e-5, 1e21, 2.5e-300};
  for (double d : ds) {
    std::cout << "double " << d << ' ' << std::setprecision(17) << d << ' ' << std::fixed << std::setprecision(3) << d
              << ' ' << std::scientific << d << ' ' << std::uppercase << d << std::nouppercase;
    std::cout.unsetf(std::ios::floatfield);
    std::cout << std::setprecision(6) << '\n';
  }
  std::cout << "float " << 1.5f << ' ' << 3.14159265f << ' ' << 1e30f << '\n';
  std::cout << "special " << 1.0 / 0.0 << ' ' << -1.0 / 0.0 << '\n';
  std::cout << "showpoint " << std::showpoint << 2.0 << ' ' << 100.0 << std::noshowpoint << ' ' << 2.0 << '\n';
  std::cout << "char " << 'x' << ' ' << static_cast<int>('x') << " string " << std::string("std::string") << ' '
            << std::setw(12) << std::left << "padded" << '|' << std::right << '\n';
  std::istringstream in("42 -17 3.75 word 0x1f 1e3 tail");
  int a, b;
  double c;
  std::string w;
  int h;
  double e;
  in >> a >> b >> c >> w >> std::hex >> h >> std::dec >> e;
  std::cout << "parsed " << a << ' ' << b << ' ' << c << ' ' << w << ' ' << h << ' ' << e << '\n';
  std::string rest;
  std::getline(in, rest);
  std::cout << "rest [" << rest << "]\n";
  std::istringstream bad("abc");
  int x = 5;
  bad >> x;
  std::cout << "fail " << bad.fail() << " x " << x << '\n';
  std::ostringstream os;
  os << std::setw(5) << std::setfill('0') << 7 << '-' << std::fixed << std::setprecision(2) << 2.345 << '-' << std::hex
     << 48879;
  std::cout << "ostringstream " << os.str() << '\n';
  std::stringstream lines("first line\nsecond line\n\nfourth");
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) std::cout << "line " << ++n << " [" << line << "]\n";
  std::cerr << "to cerr " << 1 << std::endl;
  std::clog << "to clog " << 2 << '\n';
  return 0;
}
