package io.minibase.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema of each event type ({@code events/schemas/<type>.json} in its
 * producer's events module, e.g. {@code order-service/events} for {@code order.*}), for
 * the producer's and the consumer's tests alike: what a producer writes must conform, and
 * a consumer is tested with data that conforms. Both take the module at test scope.
 */
public final class EventSchemas {

	private static final SchemaRegistry registry = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private EventSchemas() {
	}

	/** Fails the test unless {@code json} is valid data of event {@code type}. */
	public static void assertConforms(String type, String json) {
		List<Error> errors = schema(type).validate(json, InputFormat.JSON);
		assertThat(errors).as("%s data %s", type, json).isEmpty();
	}

	/** The problems of {@code json} as data of event {@code type}; empty when valid. */
	public static List<String> problems(String type, String json) {
		return schema(type).validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
	}

	/**
	 * The service that publishes events of {@code type}: its prefix, by the naming rule.
	 */
	static String producer(String type) {
		int dot = type.indexOf('.');
		return (dot > 0) ? type.substring(0, dot) : type;
	}

	private static Schema schema(String type) {
		String location = "events/schemas/" + type + ".json";
		try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
			if (in == null) {
				throw new AssertionError(
						"No schema for event type " + type + " (" + location + "): it belongs in " + producer(type)
								+ "-service/events, and this module needs " + producer(type) + "-events at test scope");
			}
			return registry.getSchema(in, InputFormat.JSON);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
