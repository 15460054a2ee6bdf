#include <iostream>

int main() {
  std::cout << "parley " << PARLEY_VERSION << "\n";
  return 0;
}
