package io.minibase.common.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a topic holds (another producer's bytes, a truncated record, a hand-written
 * replay), reading it is an event or a {@link MalformedEvent}, which goes to the
 * dead-letter topic at once; any other exception would be retried as if it could heal.
 */
class EventReaderFuzzTest {

	private static final List<String> HEADERS = List.of("ce_id", "ce_type", "ce_source", "ce_specversion", "ce_subject",
			"ce_time", "ce_datacontenttype", "ce_dataschema", "content-type", "traceparent");

	private final EventReader reader = new EventReader(JsonMapper.builder().build());

	record Note(String text, long count, List<String> tags) {
	}

	@FuzzTest
	void anyRecordIsAnEventOrMalformed(FuzzedDataProvider data) {
		RecordHeaders headers = new RecordHeaders();
		int count = data.consumeInt(0, 12);
		for (int i = 0; i < count; i++) {
			String name = data.consumeBoolean() ? data.pickValue(HEADERS) : data.consumeString(16);
			headers.add(name, data.consumeString(64).getBytes(StandardCharsets.UTF_8));
		}
		byte[] value = data.consumeBoolean() ? null : data.consumeRemainingAsBytes();
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("it.notes.v1", 0, 0L, 0L, null, 0, 0, "key", value,
				headers, java.util.Optional.empty());
		IncomingEvent event;
		try {
			event = this.reader.read(record);
		}
		catch (MalformedEvent ex) {
			return;
		}
		assertThat(event.id()).isNotNull();
		try {
			event.data(Note.class);
		}
		catch (MalformedEvent ex) {
			// data that does not fit its type: dead-lettered too
		}
	}

}
