package io.minibase.order.ordering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.minibase.localservers.LocalInfra;
import io.minibase.localservers.Redis;
import io.minibase.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two order-service instances on one real Redis: a request waiting on one instance is
 * woken by a change the other applied (the saga's reply went to the other instance).
 */
class OrderChangesIT {

	private final List<AutoCloseable> opened = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.opened.reversed()) {
			closeable.close();
		}
	}

	@Test
	void aChangeAppliedOnOneInstanceWakesTheWaiterOnAnother() {
		OrderChanges holding = instance();
		OrderChanges applying = instance();
		String order = "it-" + UUID.randomUUID();

		// subscriptions are asynchronous: announce until the other instance has heard
		CompletableFuture<Void> waiting = holding.next(order, Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			applying.announce(order);
			return waiting.isDone();
		});
		assertThat(holding.waiting()).isZero();
	}

	@Test
	void aWaitWithoutAChangeEndsWhenItsTimeIsUp() {
		OrderChanges changes = instance();
		CompletableFuture<Void> waiting = changes.next("it-" + UUID.randomUUID(), Duration.ofMillis(200));
		await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
		assertThat(waiting).isCompletedWithValue(null);
		assertThat(changes.waiting()).isZero();
	}

	private OrderChanges instance() {
		Redis redis = LocalInfra.forTests().redis();
		RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(redis.host(), redis.port());
		config.setDatabase(TestNamespace.current().redisDatabase(1));
		LettuceConnectionFactory factory = new LettuceConnectionFactory(config);
		factory.afterPropertiesSet();
		factory.start();
		this.opened.add(factory::destroy);
		OrderChanges changes = new OrderChanges(new StringRedisTemplate(factory));
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(factory);
		container.addMessageListener(changes, new ChannelTopic(OrderChanges.CHANNEL));
		container.afterPropertiesSet();
		container.start();
		this.opened.add(container::destroy);
		return changes;
	}

}
