package io.minibase.order.ordering;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Announcing order changes to every instance (see {@link OrderChanges}). */
@Configuration(proxyBeanMethods = false)
class OrderChangesConfiguration {

	@Bean
	OrderChanges orderChanges(StringRedisTemplate redis, MeterRegistry meters) {
		OrderChanges changes = new OrderChanges(redis);
		Gauge.builder("minibase.orders.waiting", changes, OrderChanges::waiting)
			.description("Requests waiting for an order to change (Prefer: wait)")
			.register(meters);
		return changes;
	}

	/**
	 * One subscription per instance; it resubscribes by itself when Redis comes back
	 * (meanwhile waiters answer when their wait is up).
	 */
	@Bean
	RedisMessageListenerContainer orderChangesListener(RedisConnectionFactory redis, OrderChanges changes) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(redis);
		// Each message only completes the futures of its waiters (their reads run on
		// their own virtual threads): the default executor started a platform thread
		// per message, 400 a second at 200 orders a second (JFR of the flash sale).
		SimpleAsyncTaskExecutor dispatch = new SimpleAsyncTaskExecutor("orderChangesListener-");
		dispatch.setVirtualThreads(true);
		container.setTaskExecutor(dispatch);
		container.addMessageListener(changes, new ChannelTopic(OrderChanges.CHANNEL));
		return container;
	}

}
