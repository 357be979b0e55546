package io.castline.cli;

import io.castline.engine.settings.Rates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.castline.engine.settings.InvalidSettingsException;
import io.castline.engine.uplink.Planner.Rendition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlanCommandTest {

    private static CliRun.Result run(String... args) {
        return CliRun.run(args);
    }

    // --- parseLadder ---

    @Test
    void parsesALadderOfNamedRatesAndShares() {
        assertThat(PlanCommand.parseLadder("1080p=6M:0.4,720p=3M:0.6")).containsExactly(
                new Rendition("1080p", 6000, 0.4), new Rendition("720p", 3000, 0.6));
        assertThat(PlanCommand.parseLadder(" 1080p=6000k:0.5 , 480p=1.2M:0.5")).containsExactly(
                new Rendition("1080p", 6000, 0.5), new Rendition("480p", 1200, 0.5));
    }

    @Test
    void noLadderIsAnEmptyOne() {
        assertThat(PlanCommand.parseLadder(null)).isEmpty();
        assertThat(PlanCommand.parseLadder("  ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1080p", "1080p6M:0.4", "1080p=6M", "1080p=6M:abc", "1080p=fast:0.4", "1080p=6M:0.4,720p",
            "1080p=6M:0.4,,720p=3M:0.6", "1080p=:0.4",
            // shares as strictly as rates (Rates.kilo): Double.parseDouble would also take these
            "1080p=6M:1d", "1080p=6M:0x1p0"})
    void aBadLadderNamesTheField(String spec) {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> PlanCommand.parseLadder(spec));
        assertThat(e).as("ladder %s should be refused", spec).isNotNull();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).field()).isEqualTo("ladder");
    }

    // --- rate ---

    @Test
    void ratesAreWrittenInTheLargestUnit() {
        assertThat(PlanCommand.rate(300_000_000)).isEqualTo("300 Gbps");
        assertThat(PlanCommand.rate(57_600_000)).isEqualTo("57.6 Gbps");
        assertThat(PlanCommand.rate(1_234_500_000)).isEqualTo("1,234.5 Gbps");
        assertThat(PlanCommand.rate(2500)).isEqualTo("2.50 Mbps");
        assertThat(PlanCommand.rate(2000)).isEqualTo("2 Mbps");
        assertThat(PlanCommand.rate(6832.8)).isEqualTo("6.83 Mbps");
        assertThat(PlanCommand.rate(128)).isEqualTo("128 kbps");
    }

    // --- the command ---

    @Test
    void printsThreeHundredGigabitsForAHundredThousandViewers() {
        CliRun.Result r = run("plan", "--viewers", "100000", "--bitrate", "2M");
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("Distribution: 100,000 viewers × 2 Mbps × 1.50 = 300 Gbps");
        assertThat(r.out()).contains("2 output(s) × (2.50 Mbps + 128 kbps) = 5.26 Mbps; with 30% redundancy: 6.83 Mbps");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void printsEachRungOfALadder() {
        CliRun.Result r = run("plan", "--viewers", "10000", "--ladder", "1080p=6M:0.4,720p=3M:0.4,480p=1.2M:0.2");
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out()).contains("= 57.6 Gbps");
        assertThat(r.out()).contains("1080p     40.0% of viewers × 6 Mbps → 36 Gbps");
        assertThat(r.out()).contains("480p      20.0% of viewers × 1.20 Mbps → 3.6 Gbps");
    }

    @Test
    void jsonHasTheTotalInGigabits() throws Exception {
        CliRun.Result r = run("plan", "--viewers", "100000", "--bitrate", "2M", "--json");
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("total_gbps").asDouble()).isEqualTo(300.0);
        assertThat(json.at("/distribution/viewers").asLong()).isEqualTo(100_000);
        assertThat(json.at("/distribution/average_kbps").asDouble()).isEqualTo(2000.0);
        assertThat(json.at("/distribution/total_kbps").asDouble()).isEqualTo(300_000_000.0);
        assertThat(json.at("/uplink/outputs").asInt()).isEqualTo(2);
        assertThat(json.at("/uplink/with_redundancy_kbps").asDouble()).isCloseTo(6832.8,
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void badSettingsExitWithTwoNamingTheField() {
        CliRun.Result r = run("plan", "--viewers", "1000", "--ladder", "1080p=6M");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).startsWith("castline: invalid setting: ladder");
        assertThat(r.out()).isEmpty();

        r = run("plan", "--viewers", "1000", "--ladder", "1080p=6M:0.5,720p=3M:0.4");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("ladder shares add up to 0.9");

        r = run("plan", "--viewers", "0");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("viewers must be positive");

        r = run("plan", "--viewers", "1000", "--factor", "0.5");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("factor must be at least 1");

        r = run("plan", "--viewers", "1000", "--bitrate", "fast");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.err()).contains("bitrate: 'fast' is not a rate");

        r = run("plan");
        assertThat(r.exitCode()).as("--viewers is required").isEqualTo(Main.EXIT_BAD_ARGUMENTS);
    }

    @Test
    void aNotANumberShareIsRefused() {
        CliRun.Result r = run("plan", "--viewers", "1000", "--ladder", "1080p=6M:NaN");
        assertThat(r.exitCode()).as("stdout: %s", r.out()).isEqualTo(Main.EXIT_BAD_ARGUMENTS);
        assertThat(r.out()).doesNotContain("NaN");
    }
}
