package dev.converge.spi;

import dev.converge.api.Diagnostic;
import java.util.List;

/** Problems found in the inputs; empty when they are valid. */
public record ValidateResponse(List<Diagnostic> diagnostics) {

    public ValidateResponse {
        diagnostics = List.copyOf(diagnostics);
    }

    public static ValidateResponse ok() {
        return new ValidateResponse(List.of());
    }

    public static ValidateResponse of(Diagnostic... diagnostics) {
        return new ValidateResponse(List.of(diagnostics));
    }
}
