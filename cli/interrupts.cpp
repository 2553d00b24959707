#include "interrupts.hpp"

#include <signal.h>
#include <unistd.h>

#include <csignal>

namespace damlab::cli {

namespace {
volatile std::sig_atomic_t signalled = 0;
extern "C" void on_interrupt(int) {
  if (signalled) ::_exit(130);
  signalled = 1;
  static const char message[] = "\ndamlab: stopping; interrupt again to quit at once\n";
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
}
}  // namespace

void handle_interrupts() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupted() { return signalled != 0; }

}  // namespace damlab::cli
