package app.pompier.qualification;

/** What the problem stops people from doing. */
public sealed interface Impact {

    /** One of the team's essential functions (log in, search, …) cannot be used at all. */
    record EssentialFunctionUnusable(String function) implements Impact {
    }

    /** Another function of the service does not work. */
    record FunctionInoperable() implements Impact {
    }

    /** Everything can be done, but something is wrong, slow or looks wrong. */
    record Degraded() implements Impact {
    }

    /** Not a malfunction: a question, a request, a task. */
    record Request() implements Impact {
    }

    default String code() {
        if (this instanceof EssentialFunctionUnusable e) {
            return "essential:" + e.function();
        }
        if (this instanceof FunctionInoperable) {
            return "function";
        }
        return this instanceof Degraded ? "degraded" : "request";
    }

    static Impact fromCode(String code) {
        if (code.startsWith("essential:")) {
            return new EssentialFunctionUnusable(code.substring("essential:".length()));
        }
        return switch (code) {
            case "function" -> new FunctionInoperable();
            case "degraded" -> new Degraded();
            case "request" -> new Request();
            default -> throw new IllegalArgumentException("unknown impact '" + code + "'");
        };
    }
}
