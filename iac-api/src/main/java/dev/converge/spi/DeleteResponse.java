package dev.converge.spi;

/** @param alreadyGone true if there was nothing left to delete */
public record DeleteResponse(boolean alreadyGone) {

    public static DeleteResponse deleted() {
        return new DeleteResponse(false);
    }
}
