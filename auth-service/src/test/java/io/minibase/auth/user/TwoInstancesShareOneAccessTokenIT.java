package io.minibase.auth.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.minibase.auth.AuthApplication;
import io.minibase.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two auth-service instances on one Redis hold one WeChat access token between them: a
 * crowd changing nicknames (each checked by WeChat with the token) through both at once
 * costs the stub one token call, not one per instance, let alone one per request.
 */
class TwoInstancesShareOneAccessTokenIT extends AuthIntegrationTest {

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void aCrowdOnTwoInstancesCostsOneTokenCall() throws Exception {
		try (ConfigurableApplicationContext second = secondInstance()) {
			int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
			assertThat(second.getEnvironment().getProperty("minibase.wechat.base-url")).as("the second's WeChat")
				.isEqualTo(this.environment.getProperty("minibase.wechat.base-url"));
			// no token held yet: the first of the crowd's checks fetches it, for both
			this.redis.delete("wechat:access-token:" + this.environment.getProperty("auth.wechat.app-id"));
			int before = wechat.tokenCalls();

			HttpClient http = HttpClient.newHttpClient();
			List<Callable<Integer>> changes = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				String token = login("mock-twins" + i + "-1").get("accessToken").asString();
				int port = (i % 2 == 0) ? this.port : secondPort;
				String nickname = "双胞胎" + i;
				changes.add(
						() -> http
							.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/me"))
								.header("Authorization", "Bearer " + token)
								.header("Content-Type", "application/json")
								.timeout(Duration.ofSeconds(20))
								.method("PATCH",
										HttpRequest.BodyPublishers.ofString("{\"nickname\":\"" + nickname + "\"}"))
								.build(), HttpResponse.BodyHandlers.discarding())
							.statusCode());
			}
			ExecutorService crowd = Executors.newFixedThreadPool(12);
			try {
				for (Future<Integer> change : crowd.invokeAll(changes)) {
					assertThat(change.get()).isEqualTo(200);
				}
			}
			finally {
				crowd.shutdownNow();
			}
			assertThat(wechat.tokenCalls() - before).isEqualTo(1);
		}
	}

	/**
	 * A second auth-service on the same database, Redis, Kafka and WeChat stub: the test
	 * context's own settings (the local infrastructure's and this class's), on a port of
	 * its own.
	 */
	private ConfigurableApplicationContext secondInstance() {
		Map<String, Object> settings = new HashMap<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable
					&& (source.getName().equals("localInfra") || source.getName().toLowerCase().contains("dynamic"))) {
				for (String name : enumerable.getPropertyNames()) {
					settings.putIfAbsent(name, this.environment.getProperty(name));
				}
			}
		}
		assertThat(settings).containsKeys("DB_NAME", "auth.wechat.base-url");
		settings.put("server.port", "0");
		// first, as the test context has them: above application.yml (properties() would
		// only be defaults, below it)
		return new SpringApplicationBuilder(AuthApplication.class)
			.initializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("theFirstInstancesSettings", settings)))
			.run();
	}

}
