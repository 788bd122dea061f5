/**
 * The {@code local} provider: files ({@link dev.converge.providers.local.LocalFile}), directories
 * ({@link dev.converge.providers.local.LocalDirectory}) and long-running processes
 * ({@link dev.converge.providers.local.LocalProcess}) on the machine that runs the program.
 *
 * <p>{@link dev.converge.providers.local.LocalSchemas} holds the pure part (schemas, validation,
 * diff) that test kits may reuse; {@link dev.converge.providers.local.LocalProvider} adds the
 * operations on the real host. Processes need Linux for the full contract ({@code /proc} for
 * identity, ownership search and group cleanup, {@code setsid} to detach); elsewhere they are
 * tracked through {@link java.lang.ProcessHandle} and {@code findOwned} is not supported.
 */
package dev.converge.providers.local;
