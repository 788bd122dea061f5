/*
 * The pod sandbox ("pause") process of Converge's one-node test cluster, built by start-node.sh with
 * gcc -static so that no pause image has to be pulled from a registry. It holds the pod's namespaces:
 * it sleeps until the runtime stops it, and reaps children should it ever be the pod's PID 1.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int sig) {
  (void)sig;
  _exit(0);
}

static void reap(int sig) {
  (void)sig;
  while (waitpid(-1, 0, WNOHANG) > 0) {
  }
}

int main(void) {
  signal(SIGINT, stop);
  signal(SIGTERM, stop);
  signal(SIGCHLD, reap);
  for (;;) {
    pause();
  }
}
