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
        try {
            run(which, rest);
        } catch (Exception | AssertionError e) {
            // exec:java would otherwise wait for the fake Slack's threads and never end.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String which, String[] rest) throws Exception {
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
    }
}
