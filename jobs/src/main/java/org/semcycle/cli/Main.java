package org.semcycle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The semcycle command line: {@code bin/semcycle COMMAND [options]}. */
@Command(
    name = "semcycle",
    mixinStandardHelpOptions = true,
    version = "semcycle 0.1.0",
    description = "Semantic keypoint correspondence through a 2D-3D-2D cycle, on Spark.",
    subcommands = {
      SynthCommand.class,
      RenderCommand.class,
      BenchmarkCommand.class,
      TrainCommand.class,
      TrainAllCommand.class,
      KpdbCommand.class,
      Eval3dCommand.class,
      InferCommand.class,
      PredictCommand.class,
      EvaluateCommand.class,
      ReportCommand.class,
      DemoCommand.class,
      PerfCommand.class,
      PerfNetsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("semcycle " + cmd.getCommandName() + ": " + describe(ex));
          if (Boolean.getBoolean("semcycle.stacktrace") || java.util.Arrays.asList(args).contains("--verbose")) {
            ex.printStackTrace(cmd.getErr());
          }
          return 1;
        });
    return cl.execute(args);
  }

  /** The error in one line: the message's first line (Spark's add the plan below). */
  private static String describe(Throwable ex) {
    String msg = ex.getMessage();
    if (msg == null || msg.isBlank()) {
      return ex.getClass().getSimpleName();
    }
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl).strip();
  }
}
