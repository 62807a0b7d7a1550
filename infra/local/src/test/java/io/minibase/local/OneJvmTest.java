package io.minibase.local;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OneJvmTest {

	@Test
	void theBoxTakesTheServicesOptionsWithTheSizesOfOneJvmForAllOfThem() {
		List<String> options = OneJvm.jvmOptions(StackSettings.SMALL_BOX_JVM);

		assertThat(options)
			.contains("-Xmx768m", "-XX:MaxMetaspaceSize=384m", "-XX:ReservedCodeCacheSize=128m", "-XX:+UseParallelGC",
					"-XX:SweeperThreshold=50", "-XX:+ExitOnOutOfMemoryError")
			.doesNotContain("-Xmx256m", "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=48m");
		assertThat(options.stream().filter((option) -> option.startsWith("-Xmx"))).hasSize(1);
	}

	@Test
	void extraOptionsOfTheDeveloperAreKept() {
		List<String> options = OneJvm.jvmOptions(List.of("-Xmx256m", "-XX:NativeMemoryTracking=summary"));

		assertThat(options).contains("-XX:NativeMemoryTracking=summary", "-Xmx768m").doesNotContain("-Xmx256m");
	}

}
