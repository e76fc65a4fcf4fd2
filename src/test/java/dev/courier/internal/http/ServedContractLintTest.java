package dev.courier.internal.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints the example's served contract with spectral and the repository's {@code .spectral.yaml} (spectral:oas, plus
 * the OWASP ruleset's error-response rules): no error may be reported. The contract is always written to
 * {@code target/served-contract/signup.yaml}; the lint runs when spectral is installed, at
 * {@code .tools/spectral/node_modules/.bin/spectral} (where {@code .ci/run} puts it) or else as {@code spectral} on
 * the PATH, with {@code @stoplight/spectral-owasp-ruleset} beside it. Otherwise the test is skipped, saying so;
 * {@link ErrorResponsesTest} holds the error-response rule without spectral.
 */
class ServedContractLintTest {

  private static final Path TOOLS = Path.of(".tools", "spectral", "node_modules");
  private static final Path SERVED = Path.of("target", "served-contract", "signup.yaml");
  private static final String OWASP = "@stoplight/spectral-owasp-ruleset";

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void the_served_example_contract_has_no_lint_error() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Buffer served = ServedContract.load(vertx, "openapi/signup.yaml").await(20, TimeUnit.SECONDS).yaml();
      Files.createDirectories(SERVED.getParent());
      Files.write(SERVED, served.getBytes());
    } finally {
      vertx.close().await();
    }
    Path spectral = find();
    Path nodeModules = spectral == null ? null : nodeModulesOf(spectral);
    Assumptions.assumeTrue(spectral != null, "spectral is not installed (looked for " + TOOLS.resolve(".bin/spectral")
      + " and 'spectral' on the PATH; .ci/run installs it): the served contract in " + SERVED + " was not linted");
    Assumptions.assumeTrue(nodeModules != null, "spectral at " + spectral + " has no " + OWASP
      + " beside it (.ci/run installs both): the served contract in " + SERVED + " was not linted");

    ProcessBuilder lint = new ProcessBuilder(spectral.toString(), "lint", "--ruleset", ".spectral.yaml",
      "--fail-severity", "error", "--format", "text", SERVED.toString()).redirectErrorStream(true);
    // the ruleset names the OWASP package; Node finds it through NODE_PATH wherever it was installed
    lint.environment().put("NODE_PATH", nodeModules.toString());
    Process process = lint.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("spectral lint of %s (exit 1: errors, 2: spectral failed):%n%s", SERVED, output)
      .isZero();
  }

  /** @return the spectral binary: the one .ci/run installs, else the PATH's; null when there is none */
  private static Path find() {
    Path local = TOOLS.resolve(".bin").resolve("spectral");
    if (Files.isExecutable(local)) {
      return local.toAbsolutePath();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "spectral");
      if (Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    return null;
  }

  /** @return the node_modules folder that holds spectral's own package and the OWASP ruleset, or null */
  private static Path nodeModulesOf(Path spectral) throws IOException {
    for (Path dir = spectral.toRealPath().getParent(); dir != null; dir = dir.getParent()) {
      if (dir.getFileName() != null && dir.getFileName().toString().equals("node_modules")
        && Files.isDirectory(dir.resolve(OWASP))) {
        return dir;
      }
    }
    return null;
  }
}
