package io.minibase.common.wechat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minibase.common.wechat.ContentSecurity.Scene;
import io.minibase.common.wechat.ContentSecurity.Verdict;
import io.minibase.wechatstub.WeChatStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Text checks against the WeChat stub: its risky words, its errors, WeChat away. */
class ContentSecurityIT {

	private final WeChatStub stub = WeChatStub.start(0, (line) -> {
	});

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final String appId = "wx-it-" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void stop() {
		this.stub.close();
		TestRedis.template().delete(AccessTokens.key(this.appId));
	}

	@Test
	void harmlessTextPassesAndIsCounted() {
		ContentSecurity security = security(this.stub.baseUrl());

		assertThatNoException()
			.isThrownBy(() -> security.requireSafeText("mock-openid-alice", Scene.PROFILE, "nickname", "小明"));
		assertThat(this.meters.counter("wechat.content.verdicts", "kind", "text", "verdict", "pass").count())
			.isEqualTo(1);
	}

	@Test
	void riskyTextIsA422ContentRejectedNamingTheField() {
		ContentSecurity security = security(this.stub.baseUrl());

		assertThat(security.checkText("mock-openid-alice", Scene.COMMENT, "some forbidden-text here"))
			.isEqualTo(Verdict.RISKY);
		ContentRejected rejected = catchThrowableOfType(ContentRejected.class,
				() -> security.requireSafeText("mock-openid-alice", Scene.PROFILE, "nickname", "违规昵称"));
		assertThat(rejected.getStatusCode().value()).isEqualTo(422);
		assertThat(rejected.getBody().getType().toString()).endsWith("/content-rejected");
		assertThat(rejected.getBody().getProperties()).containsKey("errors");
		assertThat(rejected.getBody().getDetail()).doesNotContain("违规");
	}

	@Test
	void aWeChatErrorIsNotSavedUncheckedButABadGateway() {
		ContentCheckFailed failed = catchThrowableOfType(ContentCheckFailed.class,
				() -> security(this.stub.baseUrl()).requireSafeText("", Scene.PROFILE, "nickname", "小明"));

		assertThat(failed.getStatusCode().value()).isEqualTo(502);
	}

	@Test
	void anUnreachableWeChatIsA503Quickly() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		long started = System.nanoTime();

		assertThatThrownBy(() -> security("http://127.0.0.1:" + closedPort).requireSafeText("mock-openid-alice",
				Scene.PROFILE, "nickname", "小明"))
			.isInstanceOf(WeChatUnavailable.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void anImageCheckIsAcceptedWithATraceId() {
		assertThat(security(this.stub.baseUrl()).checkImageAsync("mock-openid-alice", Scene.PROFILE,
				"http://127.0.0.1:1/none.png"))
			.isNotBlank();
	}

	private ContentSecurity security(String baseUrl) {
		WeChatProperties settings = new WeChatProperties(baseUrl, this.appId, "", "", Duration.ofMillis(500),
				Duration.ofSeconds(3), 3, Duration.ofMillis(10),
				new WeChatProperties.Token(Duration.ofMinutes(3), Duration.ofSeconds(10), Duration.ofSeconds(1)));
		return new ContentSecurity(
				new WeChatApi(settings, TestRedis.template(), JsonMapper.builder().build(), this.meters), this.meters);
	}

}
