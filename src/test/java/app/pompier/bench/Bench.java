package app.pompier.bench;

import java.util.Arrays;

/**
 * Pompier's benches, on loopback against the fake Slack, printing their figures.
 * {@code mvn -B -q -Pbench test-compile exec:java -Dbench.args="reminders"}
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "reminders" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (which) {
            case "reminders" -> ReminderBench.main(rest);
            case "intake" -> IntakeBench.main(rest);
            case "startup" -> StartupBench.main(rest);
            case "storm" -> StormBench.main(rest);
            case "outage" -> OutageBench.main(rest);
            default -> {
                System.err.println("unknown bench '" + which + "'; known: reminders, intake, startup, storm, outage");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
