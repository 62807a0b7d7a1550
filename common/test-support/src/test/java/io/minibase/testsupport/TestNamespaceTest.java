package io.minibase.testsupport;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TestNamespaceTest {

	@Test
	void unsetKeepsTheNamesCiAndALoneDeveloperUse() {
		TestNamespace namespace = TestNamespace.of(Map.of());
		assertThat(namespace.schemaSuffix("_it")).isEqualTo("_it");
		assertThat(namespace.redisDatabase(1)).isEqualTo(1);
		assertThat(namespace.redisDatabase(3)).isEqualTo(3);
	}

	@Test
	void aNamespaceMovesEverySchemaAndRedisDatabaseAwayFromTheOthers() {
		TestNamespace two = TestNamespace.of(Map.of(TestNamespace.VARIABLE, "2"));
		assertThat(two.schemaSuffix("_e2e")).isEqualTo("_e2e2");
		assertThat(two.redisDatabase(1)).isEqualTo(7);
		assertThat(two.redisDatabase(3)).isEqualTo(9);
		assertThat(TestNamespace.of(Map.of(TestNamespace.VARIABLE, "4")).redisDatabase(3)).isEqualTo(15);
	}

	@Test
	void refusesWhatWouldLeaveRedisDatabasesOrOverlap() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestNamespace.of(Map.of(TestNamespace.VARIABLE, "5")));
		assertThatIllegalArgumentException().isThrownBy(() -> TestNamespace.of(Map.of(TestNamespace.VARIABLE, "a")));
		assertThatIllegalArgumentException().isThrownBy(() -> TestNamespace.of(Map.of()).redisDatabase(4));
	}

}
