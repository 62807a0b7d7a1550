package io.minibase.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.minibase.order.BasketEvents;
import io.minibase.order.RumourEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ownership rule of the event schemas catches each way of breaking it. The fixtures
 * stand in for an "order service" that publishes {@code order.BasketFilled.v1} and
 * consumes the "catalog service"'s {@code catalog.ShelfStocked.v1}, whose schema is on
 * this module's test class path as a consumer's would be; {@code schemas} stands in for
 * order-service/events.
 */
class EventContractsTest {

	private final JavaClasses basket = new ClassFileImporter().importClasses(BasketEvents.class);

	@TempDir
	Path schemas;

	@Test
	void ownSchemasOnlyAndEveryNamedTypeWithItsSchemaKeepTheRule() throws IOException {
		schema("order.BasketFilled.v1");
		assertThat(EventContracts.problems("order", this.schemas, this.basket)).isEmpty();
	}

	@Test
	void anotherProducersSchemaInTheModuleBreaksTheRule() throws IOException {
		schema("order.BasketFilled.v1");
		schema("catalog.ShelfStocked.v1");
		assertThat(EventContracts.problems("order", this.schemas, this.basket)).containsExactly(
				"order-service/events holds catalog.ShelfStocked.v1.json, a schema of catalog-service's: it belongs in "
						+ "catalog-service/events, its producer's module");
	}

	@Test
	void aPublishedTypeWithoutASchemaInTheModuleBreaksTheRule() throws IOException {
		schema("order.BasketEmptied.v1");
		assertThat(EventContracts.problems("order", this.schemas, this.basket)).contains(
				"order.BasketFilled.v1 (named in io.minibase.order.BasketEvents) has no schema in order-service/events");
	}

	@Test
	void aSchemaTheCodeNeverNamesBreaksTheRule() throws IOException {
		schema("order.BasketFilled.v1");
		schema("order.BasketEmptied.v1");
		assertThat(EventContracts.problems("order", this.schemas, this.basket)).containsExactly(
				"order-service/events holds order.BasketEmptied.v1.json, which order-service's code never names: "
						+ "a contract nobody publishes");
	}

	@Test
	void aConsumedTypeWhoseSchemaTheTestsDoNotSeeBreaksTheRule() throws IOException {
		schema("order.BasketFilled.v1");
		JavaClasses classes = new ClassFileImporter().importClasses(BasketEvents.class, RumourEvents.class);
		assertThat(EventContracts.problems("order", this.schemas, classes))
			.containsExactly("order-service consumes auth.RumourHeard.v1 (named in io.minibase.order.RumourEvents) "
					+ "but its tests do not see its schema: it needs auth-events at test scope");
	}

	@Test
	void aSchemaWhoseIdNamesAnotherTypeBreaksTheRule() throws IOException {
		Files.writeString(this.schemas.resolve("order.BasketFilled.v1.json"),
				"{\"$id\": \"urn:minibase:event:order.BasketEmptied.v1\"}");
		assertThat(EventContracts.problems("order", this.schemas, this.basket)).containsExactly(
				"order-service/events's order.BasketFilled.v1.json has $id urn:minibase:event:order.BasketEmptied.v1, "
						+ "not urn:minibase:event:order.BasketFilled.v1");
	}

	@Test
	void aModuleWithoutSchemasBreaksTheRule() {
		List<String> problems = EventContracts.problems("order", this.schemas.resolve("absent"),
				new ClassFileImporter().importClasses(EventContractsTest.class));
		assertThat(problems).singleElement().asString().startsWith("no event schemas in ");
	}

	private void schema(String type) throws IOException {
		Files.writeString(this.schemas.resolve(type + ".json"), "{\"$id\": \"urn:minibase:event:" + type + "\"}");
	}

}
