package dev.converge.providers.aws;

import dev.converge.spi.CreateRequest;
import dev.converge.spi.Ownership;
import java.util.Map;

/**
 * When a create finds its object's name taken: is that object the one an earlier attempt of the same
 * create made (its answer lost to a reset or a timeout), so that the create may carry on with it instead
 * of failing or making a second one? Only for a retried create ({@link CreateRequest#retried()}), and only
 * when the object carries this create's ownership tags, or, for services whose tags are written by a call
 * after the create ({@code tagsComeLater}), no ownership tags at all yet.
 */
final class Adoption {

    private Adoption() {
    }

    static boolean madeByThisCreate(CreateRequest request, Map<String, String> tags, boolean tagsComeLater) {
        if (!request.retried()) {
            return false;
        }
        String stack = tags.get(Ownership.STACK_LABEL);
        String address = tags.get(Ownership.ADDRESS_LABEL);
        if (stack == null && address == null) {
            return tagsComeLater;
        }
        return request.owner().stack().equals(stack) && request.owner().address().toString().equals(address);
    }
}
