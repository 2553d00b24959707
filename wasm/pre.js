// Put in front of the module code (--pre-js): Embind's helpers are function
// declarations, hoisted, so this is in place before any binding registers.
//
// Restores the wasm stack pointer when an Embind call ends in an exception.
// A JS exception (every error the bindings throw is one) unwinds through wasm
// frames without running their epilogues, so each would leave the shadow
// stack pointer lowered by those frames (28 to 300 bytes per error here): a
// long session of errors would run the stack into static data. The test
// tests/wasm/memory.test.mjs checks it. Emscripten 3.1.6 leaves this to the
// caller (as its own invoke_* helpers do for C++ exceptions).
// embind__requireFunction is where Embind turns every bound function, method
// and constructor into a callable, so wrapping it covers them all.
//
// The bindings throw their errors boxed in a DamlabThrow, unboxed here: a bare
// number thrown through wasm frames (a callback may `throw 42`) would be taken
// for a C++ exception by emscripten's invoke_* helpers.
class DamlabThrow {
  constructor(value) {
    this.value = value;
  }
}
{
  const requireFunction = embind__requireFunction;
  embind__requireFunction = function (signature, rawFunction) {
    const call = requireFunction(signature, rawFunction);
    return function () {
      const sp = stackSave();
      try {
        return call.apply(null, arguments);
      } catch (error) {
        stackRestore(sp);
        throw error instanceof DamlabThrow ? error.value : error;
      }
    };
  };
}
