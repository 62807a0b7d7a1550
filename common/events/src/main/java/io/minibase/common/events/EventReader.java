package io.minibase.common.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

/** Reads Kafka records written by the outbox relay back into events. */
public class EventReader {

	private final JsonMapper json;

	EventReader(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The event in a record.
	 * @throws MalformedEvent when the record is no CloudEvent with data
	 */
	public IncomingEvent read(ConsumerRecord<String, byte[]> record) {
		CloudEvent event;
		try {
			event = KafkaMessageFactory.createReader(record).toEvent();
		}
		catch (RuntimeException ex) {
			throw new MalformedEvent("Record " + record.topic() + "-" + record.partition() + "@" + record.offset()
					+ " is not a CloudEvent: " + ex.getMessage(), ex);
		}
		if (event.getData() == null) {
			throw new MalformedEvent("Event " + event.getId() + " has no data", null);
		}
		return new IncomingEvent(event.getId(), event.getType(), event.getSource().toString(), event.getSubject(),
				event.getTime(), event.getData().toBytes(), this.json);
	}

}
