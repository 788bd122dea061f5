package dev.converge.spi.deploy;

/**
 * What happened while requests were mirrored, since the last {@link TrafficRouter#route} call.
 *
 * @param requests client requests the router answered (from the stable version)
 * @param mirrored mirrored requests the shadow completed
 * @param failed mirrored requests the shadow answered with an error (status 500 or above, or no answer)
 */
public record MirrorStats(long requests, long mirrored, long failed) {

    /** The share of failed answers, 0 when nothing was mirrored. */
    public double failureRatio() {
        return mirrored == 0 ? 0 : (double) failed / mirrored;
    }

    /** The share of client requests that reached the shadow, 1 when there were none. */
    public double coverage() {
        return requests == 0 ? 1 : Math.min(1, (double) mirrored / requests);
    }
}
