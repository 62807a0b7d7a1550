package io.minibase.common.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.minibase.common.security.OperatorCredential;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mybatis.spring.SqlSessionTemplate;
import org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.function.SingletonSupplier;

/**
 * The event backbone of a service: outbox and relay, idempotent consumers, retries then
 * dead-letter topics, topics created from {@code minibase.events.topics}, and the
 * dead-letter replay endpoint.
 */
@AutoConfiguration(
		after = { KafkaAutoConfiguration.class, MybatisAutoConfiguration.class, FlywayAutoConfiguration.class },
		afterName = "io.minibase.common.security.OperatorAutoConfiguration")
@EnableConfigurationProperties(EventsProperties.class)
public class EventsAutoConfiguration {

	@Bean
	EventsSchema eventsSchema(DataSource dataSource, ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
		// the service's own migrations first: Flyway refuses a non-empty schema without
		// history
		serviceMigrations.ifAvailable((initializer) -> {
		});
		return new EventsSchema(dataSource);
	}

	@Bean
	Outbox outbox(EventsSchema schema, SqlSessionTemplate sql, JsonMapper json, ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator, ObjectProvider<OutboxRelay> relay) {
		// looked up at a commit, not here: the relay is optional
		// (minibase.events.relay.enabled) and is created after the outbox; once found it
		// is kept (SingletonSupplier keeps a non-null answer only), as the bean
		// factory's lookup at every commit was 1.2% of the box's CPU under orders
		SingletonSupplier<OutboxRelay> theRelay = SingletonSupplier.of(relay::getIfAvailable);
		return new Outbox(mapper(sql, OutboxMapper.class), json, tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP), () -> {
					OutboxRelay found = theRelay.get();
					if (found != null) {
						found.wake();
					}
				});
	}

	@Bean
	ProcessedEvents processedEvents(EventsSchema schema, SqlSessionTemplate sql) {
		return new ProcessedEvents(mapper(sql, ProcessedEventMapper.class));
	}

	@Bean
	EventReader eventReader(JsonMapper json) {
		return new EventReader(json);
	}

	@Bean
	KafkaTemplate<String, byte[]> eventsKafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
		KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producerFactory);
		// the send joins the current trace and carries traceparent in the record headers
		template.setObservationEnabled(true);
		return template;
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "minibase.events.relay.enabled", matchIfMissing = true)
	OutboxRelay outboxRelay(EventsSchema schema, SqlSessionTemplate sql, DataSource dataSource,
			KafkaTemplate<String, byte[]> eventsKafkaTemplate, ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator, EventsProperties properties, Environment environment,
			MeterRegistry meters) {
		return new OutboxRelay(mapper(sql, OutboxMapper.class), new RelayLease(dataSource), eventsKafkaTemplate,
				tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP), properties,
				source(properties, environment), meters);
	}

	/**
	 * Records are String keys (aggregate ids) and byte values (the event's JSON data).
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer eventsProducerSettings() {
		return (factory) -> factory.updateConfigs(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				// Kafka 4 lingers 5 ms to fill a batch. A relay round sends its rows
				// back to back, so they batch anyway while one request is in flight;
				// each event is a step of a buyer's saga: time counts, not bytes.
				ProducerConfig.LINGER_MS_CONFIG, 0));
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer eventsConsumerSettings(KafkaProperties kafka, Environment environment) {
		String group = (kafka.getConsumer().getGroupId() != null) ? kafka.getConsumer().getGroupId()
				: environment.getProperty("spring.application.name", "minibase");
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
				ConsumerConfig.GROUP_ID_CONFIG, group,
				// a new consumer group must not skip what was published before it first
				// started
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				// a fetch returns as soon as one record is there (the saga's next step),
				// never waiting for more to arrive
				ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1));
	}

	/**
	 * Offsets committed at most every {@code minibase.events.consumer.commit-interval},
	 * asynchronously (see {@link EventsProperties.Consumer#commitInterval()}); a
	 * rebalance or a stop still commits what is pending first.
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> eventsCommits(
			EventsProperties properties) {
		long interval = properties.consumer().commitInterval().toMillis();
		return (container) -> {
			ContainerProperties settings = container.getContainerProperties();
			settings.setAckMode(ContainerProperties.AckMode.TIME);
			settings.setAckTime(interval);
			settings.setSyncCommits(false);
		};
	}

	@Bean
	DefaultErrorHandler eventsErrorHandler(KafkaTemplate<String, byte[]> eventsKafkaTemplate,
			EventsProperties properties, MeterRegistry meters) {
		EventsProperties.Consumer consumer = properties.consumer();
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(consumer.attempts() - 1);
		backOff.setInitialInterval(consumer.initialBackoff().toMillis());
		backOff.setMultiplier(2.0);
		backOff.setMaxInterval(consumer.maxBackoff().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetters(eventsKafkaTemplate, meters), backOff);
		handler.addNotRetryableExceptions(MalformedEvent.class);
		return handler;
	}

	@Bean
	KafkaAdmin.NewTopics eventsTopics(EventsProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		for (String name : properties.topics()) {
			for (String topic : List.of(name, name + DeadLetters.SUFFIX)) {
				topics.add(new NewTopic(topic, properties.partitions(), properties.replicationFactor())
					.configs(Map.of("min.insync.replicas", String.valueOf(properties.minInsyncReplicas()))));
			}
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	@Bean
	DeadLetterEndpoint deadLetterEndpoint(KafkaProperties kafka, Environment environment,
			KafkaTemplate<String, byte[]> eventsKafkaTemplate, EventsProperties properties) {
		return new DeadLetterEndpoint(kafka.buildConsumerProperties(),
				environment.getProperty("spring.application.name", "minibase"), eventsKafkaTemplate, properties);
	}

	/**
	 * The dead letters in the admin API; in a web service whose operator credential is
	 * known ({@code common-security}). The service's name without {@code -service} is its
	 * path segment, as the gateway routes it.
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnBean(OperatorCredential.class)
	DeadLetterAdminController deadLetterAdminController(DeadLetterEndpoint deadLetters, OperatorCredential operator,
			Environment environment) {
		String name = environment.getProperty("spring.application.name", "minibase");
		return new DeadLetterAdminController(deadLetters, operator,
				name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name);
	}

	private static String source(EventsProperties properties, Environment environment) {
		return properties.source().isBlank() ? "/" + environment.getProperty("spring.application.name", "minibase")
				: properties.source();
	}

	private static <T> T mapper(SqlSessionTemplate sql, Class<T> type) {
		// registered on MyBatis's configuration, not as beans: a library @MapperScan
		// would
		// switch off the scanning of the service's own @Mapper interfaces
		if (!sql.getConfiguration().hasMapper(type)) {
			sql.getConfiguration().addMapper(type);
		}
		return sql.getMapper(type);
	}

}
