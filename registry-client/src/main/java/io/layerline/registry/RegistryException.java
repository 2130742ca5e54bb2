package io.layerline.registry;

/**
 * A registry refused a request, or could not be used at all. Its message names the registry, the request and the
 * answer's status, never a credential.
 */
public class RegistryException extends Exception {

    private final int status;
    private final boolean unavailable;

    RegistryException(String message, int status, boolean unavailable, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.unavailable = unavailable;
    }

    /** The registry could not be reached, did not answer in time, or answered 429 or 5xx. */
    static RegistryException unavailable(String message, Throwable cause) {
        return new RegistryException(message, 0, true, cause);
    }

    /** The registry answered {@code status}: unavailable for 429 and 5xx, a refusal otherwise. */
    static RegistryException answered(int status, String message) {
        return new RegistryException(message, status, status == 429 || status >= 500, null);
    }

    /** The registry's answer was not what the API promises. */
    static RegistryException unreadable(String message, Throwable cause) {
        return new RegistryException(message, 0, false, cause);
    }

    /** The HTTP status the registry answered; 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** Whether trying again later may succeed. */
    public boolean isUnavailable() {
        return unavailable;
    }

    /** The registry refused because the credentials are missing, wrong, or not allowed to do this. */
    public boolean isDenied() {
        return status == 401 || status == 403;
    }
}
