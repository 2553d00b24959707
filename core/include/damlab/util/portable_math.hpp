// log and tanh in double from IEEE-exact operations only (+, -, *, /, and
// scaling by powers of two), so every build (glibc, musl in WebAssembly)
// computes the same bits; the C library's versions may differ in the last
// place between platforms. Accurate to a few units in the last place. The
// exponential of the same kind is portable_exp (dam/separation.hpp), which
// tanh uses.
#pragma once

namespace damlab {

// ln x for x > 0 (finite); -inf for 0, NaN below 0.
double portable_log(double x);
// tanh x, odd, exactly ±1 for |x| > 20.
double portable_tanh(double x);

}  // namespace damlab
