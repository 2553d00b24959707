// SIGINT and SIGTERM for the long-running subcommands (sweep, run of a train
// spec): the first asks the work to stop (it is polled through progress
// reports, and what finished is kept), a second exits at once with 130.
#pragma once

namespace damlab::cli {

// Installs the handler; call before any work, so that a signal during set-up
// is not lost.
void handle_interrupts();
// Whether a first signal has arrived.
bool interrupted();

}  // namespace damlab::cli
