package io.minibase.localservers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker's class path is found where the broker runs, never where the jar was
 * built: the list in the jar is relative to a local repository, resolved at run time.
 */
class KafkaClassPathTest {

	private static final String CLIENTS = "M2_REPO/org/apache/kafka/kafka-clients/4.1.2/kafka-clients-4.1.2.jar";

	private static final String BROKER = "M2_REPO/org/apache/kafka/kafka_2.13/4.1.2/kafka_2.13-4.1.2.jar";

	@Test
	void theBuiltListNamesTheBrokersJarsInsideALocalRepositoryAndNoFolderOfTheMachineThatBuiltIt() {
		String list = KafkaClassPath.list();

		assertThat(list).doesNotContain(System.getProperty("user.home"));
		List<String> entries = KafkaClassPath.entries(list);
		assertThat(entries).isNotEmpty().allSatisfy((entry) -> assertThat(entry).startsWith("M2_REPO/"));
		assertThat(entries).anySatisfy((entry) -> assertThat(entry).contains("/kafka_2.13-"));
	}

	@Test
	void theJarsAreTakenFromTheLocalRepositoryOfTheMachineThatRunsTheBroker() {
		assertThat(KafkaClassPath.under(Path.of("/srv/builds/repository"), List.of(CLIENTS, BROKER))).containsExactly(
				Path.of("/srv/builds/repository/org/apache/kafka/kafka-clients/4.1.2/kafka-clients-4.1.2.jar"),
				Path.of("/srv/builds/repository/org/apache/kafka/kafka_2.13/4.1.2/kafka_2.13-4.1.2.jar"));
	}

	@Test
	void theLocalRepositoryIsTheOneThisJvmLoadedKafkaClientsFrom() {
		Properties system = new Properties();
		system.setProperty("user.home", "/home/alice");
		Optional<Path> clients = Optional
			.of(Path.of("/var/cache/m2/org/apache/kafka/kafka-clients/4.1.2/kafka-clients-4.1.2.jar"));

		assertThat(KafkaClassPath.localRepository(List.of(CLIENTS, BROKER), system, clients))
			.isEqualTo(Path.of("/var/cache/m2"));
	}

	@Test
	void mavenRepoLocalWinsAndHomesRepositoryIsTheLastResort() {
		Properties system = new Properties();
		system.setProperty("user.home", "/home/alice");
		List<String> entries = List.of(CLIENTS, BROKER);
		// kafka-clients from a fat jar or a folder of its own says nothing about the
		// repository
		Optional<Path> elsewhere = Optional.of(Path.of("/opt/app/lib/kafka-clients.jar"));

		assertThat(KafkaClassPath.localRepository(entries, system, elsewhere))
			.isEqualTo(Path.of("/home/alice/.m2/repository"));
		system.setProperty("maven.repo.local", "/ci/repository");
		assertThat(KafkaClassPath.localRepository(entries, system, elsewhere)).isEqualTo(Path.of("/ci/repository"));
	}

	@Test
	void onThisMachineEveryEntryOfTheResolvedClassPathIsThere() {
		List<String> classPath = Arrays.asList(KafkaClassPath.resolve().split(File.pathSeparator));

		assertThat(classPath).hasSizeGreaterThan(1)
			.allSatisfy((entry) -> assertThat(Files.exists(Path.of(entry))).as(entry).isTrue());
	}

}
