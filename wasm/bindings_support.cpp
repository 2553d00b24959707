// Error conversion, argument checks and progress callbacks shared by every
// binding file (see bindings.hpp for the rules they follow).
#include <emscripten/em_js.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "bindings.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/util/parallel.hpp"

using emscripten::EM_VAL;

// Throws the JS value of handle, boxed for pre.js to unbox. The C++ val that
// owns the handle is never destroyed (the throw skips its destructor), so its
// reference is dropped here.
EM_JS(void, damlab_throw, (EM_VAL handle), {
  const value = Emval.toValue(handle);
  __emval_decref(handle);
  throw new DamlabThrow(value);
});

// Calls a progress callback without letting a JS exception cross wasm frames:
// returns true or false, or {error} when the callback threw.
EM_JS(EM_VAL, damlab_call_progress, (EM_VAL callback, double fraction), {
  try {
    return Emval.toHandle(Emval.toValue(callback)(fraction) !== false);
  } catch (error) {
    return Emval.toHandle({error : error});
  }
});

// Runs Reflect.apply(fn, self, args) without letting a JS exception cross
// wasm frames: returns {value} or, when it threw, {error}. Every operation on
// a value a caller passed in goes through it, as getters, Proxy traps and
// toString methods run the caller's code.
EM_JS(EM_VAL, damlab_apply, (EM_VAL fn, EM_VAL self, EM_VAL args), {
  try {
    return Emval.toHandle({ok : true, value : Reflect.apply(Emval.toValue(fn),
                                                            Emval.toValue(self),
                                                            Emval.toValue(args))});
  } catch (error) {
    return Emval.toHandle({ok : false, error : error});
  }
});

namespace damlab::wasm {

val js_apply(const val& fn, const val& self, const val& args) {
  val answer = val::take_ownership(damlab_apply(fn.as_handle(), self.as_handle(), args.as_handle()));
  if (!answer["ok"].isTrue()) throw CallbackError{answer["error"]};
  return answer["value"];
}

val array_of(const val& value) {
  val args = val::array();
  args.call<void>("push", value);
  return args;
}

std::size_t typed_length(const val& v, const std::string& type, const std::string& field) {
  const val args = array_of(v);
  const bool view = js_apply(val::global("ArrayBuffer")["isView"], val::undefined(), args).isTrue();
  // A real typed array of this type (a Proxy or an object merely inheriting
  // from the prototype is not); the prototype's own length getter reads the
  // internal length, not a length property the caller may have added.
  require(view && js_apply(val::global("Function")["prototype"][val::global("Symbol")["hasInstance"]],
                           val::global(type.c_str()), args)
                      .isTrue(),
          field, describe(v), (type[0] == 'I' ? "an " : "a ") + type);
  const val typed_array_prototype =
      val::global("Object").call<val>("getPrototypeOf", val::global(type.c_str())["prototype"]);
  const val getter = val::global("Object")
                         .call<val>("getOwnPropertyDescriptor", typed_array_prototype,
                                    std::string("length"))["get"];
  return js_apply(getter, v, val::array()).as<std::size_t>();
}

void copy_typed(const val& v, const val& view) {
  // The prototype's set, not one the caller may have put on the view's
  // class; it copies the source's elements whatever its own properties say.
  const val set = val::global("Object")
                      .call<val>("getPrototypeOf", val::global("Uint8Array")["prototype"])["set"];
  js_apply(set, view, array_of(v));
}

val js_get(const val& object, const std::string& key) {
  val args = array_of(object);
  args.call<void>("push", key);
  return js_apply(val::global("Reflect")["get"], val::undefined(), args);
}

namespace {

val make_error(const std::string& name, const std::string& message) {
  val error = val::global("Error").new_(message);
  error.set("name", name);
  return error;
}

constexpr double max_safe_integer = 9007199254740991.0;  // 2^53 - 1

}  // namespace

std::string number_text(double x) {
  char text[32];
  if (std::isfinite(x) && std::floor(x) == x && std::fabs(x) < 1e21) {
    std::snprintf(text, sizeof text, "%.0f", x);
    return text;
  }
  for (int digits = 15; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, x);
    if (std::strtod(text, nullptr) == x) break;
  }
  return text;
}

val js_error(std::exception_ptr exception) {
  try {
    std::rethrow_exception(exception);
  } catch (const InvalidArgument& e) {
    val error = make_error("InvalidArgument", e.what());
    error.set("field", e.field());
    return error;
  } catch (const DataError& e) {
    return make_error("DataError", e.what());
  } catch (const Cancelled& e) {
    return make_error("Cancelled", e.what());
  } catch (const CallbackError& e) {
    return e.error;
  } catch (const std::exception& e) {
    return make_error("Error", e.what());
  } catch (...) {
    return make_error("Error", "unknown C++ exception");
  }
}

void throw_js(const val& value) {
  damlab_throw(value.as_handle());
  __builtin_unreachable();
}

std::uint64_t safe_integer(double x, const std::string& field) {
  require(x >= 0 && x <= max_safe_integer && std::floor(x) == x, field, number_text(x),
          "an integer in [0, 9007199254740991]");
  return static_cast<std::uint64_t>(x);
}

std::size_t size(double x, const std::string& field) {
  require(x >= 0 && x <= 4294967295.0 && std::floor(x) == x, field, number_text(x),
          "an integer in [0, 4294967295]");
  return static_cast<std::size_t>(x);
}

int integer(double x, const std::string& field) {
  require(x >= INT_MIN && x <= INT_MAX && std::floor(x) == x, field, number_text(x),
          "an integer");
  return static_cast<int>(x);
}

std::size_t index(double x, const std::string& field, std::size_t size,
                  const std::string& size_name) {
  require(x >= 0 && x < static_cast<double>(size) && std::floor(x) == x, field, number_text(x),
          "an integer below " + size_name + " = " + std::to_string(size));
  return static_cast<std::size_t>(x);
}

void check_pattern_sizes(std::size_t N, std::size_t count) {
  // N = 0 is left to the core, which names it first.
  require(N <= max_spec_N, "N", N, "at most " + std::to_string(max_spec_N));
  require(count <= max_spec_S, "count", count, "at most " + std::to_string(max_spec_S));
  const std::uint64_t bits = std::uint64_t{N} * count;
  require(bits <= max_pattern_bits, "N * count", bits,
          "at most " + std::to_string(max_pattern_bits) + " bits (256 MiB)");
}

double number(const val& v, const std::string& field) {
  require(v.isNumber(), field, describe(v), "a number");
  return v.as<double>();
}

std::string describe(const val& v) {
  const std::string type = v.typeOf().as<std::string>();
  if (type == "function") return "a function";
  if (type != "object" || v.isNull()) {
    std::string text =
        js_apply(val::global("String"), val::undefined(), array_of(v)).as<std::string>();
    return text.size() > 60 ? text.substr(0, 57) + "..." : text;
  }
  // "[object Uint8Array]" -> "Uint8Array": safe for any object, even one
  // without a prototype.
  const std::string tag =
      js_apply(val::global("Object")["prototype"]["toString"], v, val::array()).as<std::string>();
  return tag.substr(8, tag.size() - 9);
}

void check_keys(const val& object, const std::string& what,
                const std::vector<std::string>& allowed) {
  require(object.typeOf().as<std::string>() == "object" && !object.isNull(), what,
          describe(object), "an object");
  const val keys = js_apply(val::global("Object")["keys"], val::undefined(), array_of(object));
  const std::size_t count = keys["length"].as<std::size_t>();
  std::string list;
  for (const auto& key : allowed) list += (list.empty() ? "" : ", ") + key;
  for (std::size_t k = 0; k < count; ++k) {
    const std::string key = keys[k].as<std::string>();
    bool known = false;
    for (const auto& name : allowed) known = known || name == key;
    require(known, key, "present", "one of the keys of " + what + ": " + list);
  }
}

std::size_t pool_threads(std::size_t threads) {
#ifdef __EMSCRIPTEN_PTHREADS__
  if (threads > 1 && threads <= max_threads) {
    const auto idle = static_cast<std::size_t>(EM_ASM_INT({ return PThread.unusedWorkers.length; }));
    return std::min(threads, std::max<std::size_t>(1, idle));
  }
#endif
  return threads;
}

Separation separation(const val& model) {
  check_keys(model, "model", {"F", "n", "beta"});
  const val kind = js_get(model, "F");
  require(kind.isString(), "F", describe(kind), "one of poly, rectpoly, exp");
  const std::string name = kind.as<std::string>();
  if (name == "exp") {
    require(js_get(model, "n").isUndefined(), "n", "present", "absent for F = exp (it takes beta)");
    return Separation::from_name(name, 0, number(js_get(model, "beta"), "beta"));
  }
  if (name == "poly" || name == "rectpoly")
    require(js_get(model, "beta").isUndefined(), "beta", "present",
            "absent for F = " + name + " (it takes n)");
  // from_name rejects any other F with the core's message.
  const int n =
      name == "poly" || name == "rectpoly" ? integer(number(js_get(model, "n"), "n"), "n") : 0;
  return Separation::from_name(name, n, 0);
}

val separation_object(const Separation& F) {
  val out = val::object();
  out.set("F", F.name());
  if (F.kind == SeparationKind::exp)
    out.set("beta", F.beta);
  else
    out.set("n", F.n);
  return out;
}

Progress progress(const val& callback) {
  if (absent(callback)) return {};
  require(callback.typeOf().as<std::string>() == "function", "onProgress",
          describe(callback), "a function");
  return [callback](double fraction) {
    val answer = val::take_ownership(damlab_call_progress(callback.as_handle(), fraction));
    if (answer.isTrue()) return true;
    if (answer.isFalse()) return false;
    throw CallbackError{answer["error"]};
  };
}

}  // namespace damlab::wasm
