package io.minibase.order.payment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minibase.order.buyer.Buyers;
import io.minibase.order.config.OrderProperties;
import io.minibase.wechatstub.PayStubKeys;
import io.minibase.wechatstub.WeChatPayStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The provider on the official SDK against the WeChat Pay stub: real signatures both
 * ways, the stub's own keys, and an outage answered quickly.
 */
class WeChatPayProviderTest {

	private static final String MCHID = "1900000109";

	private static final String APPID = "wx-local-stack";

	private static final long BUYER = 7;

	@TempDir
	Path keyDir;

	private final Buyers buyers = mock(Buyers.class);

	private final List<AutoCloseable> closing = new ArrayList<>();

	private PayStubKeys keys;

	private WeChatPayStub stub;

	@BeforeEach
	void start() {
		this.keys = PayStubKeys.generate(MCHID, APPID);
		this.keys.writeTo(this.keyDir);
		this.stub = WeChatPayStub.start(0, this.keys, (line) -> {
		});
		this.closing.add(this.stub);
		given(this.buyers.openid(BUYER, APPID)).willReturn(Optional.of("mock-openid-alice"));
	}

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
	}

	@Test
	void aPrepayAnswersRequestPaymentSignedWithTheMerchantKey() throws Exception {
		Prepay prepay = provider(this.stub.baseUrl(), Duration.ofSeconds(2)).prepay(request("41"));

		assertThat(prepay.prepayId()).startsWith("wx");
		assertThat(prepay.clientParameters()).containsOnlyKeys("timeStamp", "nonceStr", "package", "signType",
				"paySign");
		assertThat(prepay.clientParameters()).containsEntry("package", "prepay_id=" + prepay.prepayId())
			.containsEntry("signType", "RSA");
		long timeStamp = Long.parseLong(prepay.clientParameters().get("timeStamp"));
		assertThat(timeStamp).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
		// what wx.requestPayment checks: appId, timeStamp, nonceStr and package, each
		// followed by a newline, signed SHA256withRSA by the merchant
		String message = APPID + "\n" + prepay.clientParameters().get("timeStamp") + "\n"
				+ prepay.clientParameters().get("nonceStr") + "\n" + prepay.clientParameters().get("package") + "\n";
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(this.keys.merchantPublicKey());
		verifier.update(message.getBytes(StandardCharsets.UTF_8));
		assertThat(verifier.verify(Base64.getDecoder().decode(prepay.clientParameters().get("paySign")))).isTrue();
	}

	@Test
	void prepayingTheSameOrderAgainOpensNoSecondPayment() {
		WeChatPayProvider provider = provider(this.stub.baseUrl(), Duration.ofSeconds(2));
		assertThat(provider.prepay(request("42")).prepayId()).isEqualTo(provider.prepay(request("42")).prepayId());
		assertThat(provider.prepay(request("43")).prepayId()).isNotEqualTo(provider.prepay(request("42")).prepayId());
	}

	@Test
	void aQueryTellsOpenPaidAndClosedPaymentsApart() throws Exception {
		WeChatPayProvider provider = provider(this.stub.baseUrl(), Duration.ofSeconds(2));
		assertThat(provider.query("47")).isInstanceOf(PaymentState.Closed.class);
		String paidPrepay = provider.prepay(request("47")).prepayId();
		assertThat(provider.query("47")).isInstanceOf(PaymentState.Open.class);
		String transactionId = stubPay(paidPrepay);
		assertThat(provider.query("47")).isInstanceOfSatisfying(PaymentState.Paid.class, (paid) -> {
			assertThat(paid.notification().orderId()).isEqualTo("47");
			assertThat(paid.notification().transactionId()).isEqualTo(transactionId);
			assertThat(paid.notification().amountFen()).isEqualTo(990);
		});
		// a paid order is not closed: the money is there
		assertThat(provider.close("47")).isInstanceOf(PaymentState.Paid.class);

		String closedPrepay = provider.prepay(request("48")).prepayId();
		assertThat(provider.close("48")).isInstanceOf(PaymentState.Closed.class);
		assertThat(provider.query("48")).isInstanceOf(PaymentState.Closed.class);
		assertThat(closedPrepay).isNotEqualTo(paidPrepay);
	}

	@Test
	void aRefundIsAcceptedAndItsResultCanBeQueried() throws Exception {
		WeChatPayProvider provider = provider(this.stub.baseUrl(), Duration.ofSeconds(2));
		stubPay(provider.prepay(request("49")).prepayId());

		assertThat(provider.refund(new RefundRequest("RF000000000000000049", "49", 400, 990, "damaged")))
			.isEqualTo(RefundStatus.PROCESSING);
		org.awaitility.Awaitility.await("refund succeeded at the stub")
			.atMost(Duration.ofSeconds(5))
			.until(() -> provider.refundStatus("RF000000000000000049") == RefundStatus.SUCCESS);
		// more than is left: WeChat Pay refuses, the buyer's money is safe
		assertThatExceptionOfType(PaymentRefused.class)
			.isThrownBy(() -> provider.refund(new RefundRequest("RF000000000000000050", "49", 600, 990, "again")));
	}

	@Test
	void aBuyerWhoseOpenidIsNotKnownYetIsToldToLogInAgain() {
		PrepayRequest stranger = new PrepayRequest("44", 990, "Order 44", 8, Instant.now().plusSeconds(900));
		assertThatExceptionOfType(PayerUnknown.class)
			.isThrownBy(() -> provider(this.stub.baseUrl(), Duration.ofSeconds(2)).prepay(stranger))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONFLICT));
	}

	@Test
	void weChatPayDownIsA503AtOnceAndTheCircuitOpensAfterAFewFailures() {
		String down = this.stub.baseUrl();
		this.stub.close();
		WeChatPayProvider provider = provider(down, Duration.ofSeconds(2));
		for (int i = 0; i < 5; i++) {
			long started = System.nanoTime();
			assertThatExceptionOfType(PaymentUnavailable.class).isThrownBy(() -> provider.prepay(request("45")))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
				.satisfies((ex) -> assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("5"));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		}
		assertThatExceptionOfType(PaymentUnavailable.class).isThrownBy(() -> provider.prepay(request("45")))
			.withCauseInstanceOf(io.github.resilience4j.circuitbreaker.CallNotPermittedException.class);
	}

	@Test
	void weChatPayNotAnsweringIsA503AfterTheReadTimeout() throws Exception {
		ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.closing.add(silent);
		List<Socket> accepted = new ArrayList<>();
		Thread.ofVirtual().start(() -> {
			try {
				while (true) {
					accepted.add(silent.accept());
				}
			}
			catch (IOException ex) {
				// closed at the end of the test
			}
		});
		WeChatPayProvider provider = provider("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(500));
		long started = System.nanoTime();
		assertThatExceptionOfType(PaymentUnavailable.class).isThrownBy(() -> provider.prepay(request("46")));
		// OkHttp may retry a failed connection once
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1600));
	}

	/** The buyer pays at the stub, without a notify (its URL here goes nowhere). */
	private String stubPay(String prepayId) throws Exception {
		HttpResponse<String> paid = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + "/stub/pay"))
				.POST(HttpRequest.BodyPublishers.ofString("{\"prepayId\":\"" + prepayId + "\",\"notify\":false}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.builder().build().readTree(paid.body()).get("transactionId").asString();
	}

	private PrepayRequest request(String orderId) {
		return new PrepayRequest(orderId, 990, "Order " + orderId, BUYER, Instant.now().plusSeconds(900));
	}

	private WeChatPayProvider provider(String baseUrl, Duration readTimeout) {
		OrderProperties properties = properties(this.keys, this.keyDir, baseUrl, readTimeout);
		WeChatPayConfiguration configuration = new WeChatPayConfiguration();
		RSAPublicKeyConfig config = configuration.weChatPayConfig(properties);
		com.wechat.pay.java.core.http.HttpClient http = configuration.weChatPayHttpClient(config, properties);
		return new WeChatPayProvider(configuration.weChatPayJsapi(config, http),
				configuration.weChatPayRefunds(config, http),
				configuration.weChatPayCircuitBreaker(new SimpleMeterRegistry()), properties, this.buyers);
	}

	/** order-service's settings for the stub's merchant, as the local stack sets them. */
	static OrderProperties properties(PayStubKeys keys, Path keyDir, String baseUrl, Duration readTimeout) {
		return new OrderProperties(Duration.ofMinutes(15), new OrderProperties.Expiry(Duration.ofSeconds(1), 100),
				new OrderProperties.Completion(Duration.ofDays(10), Duration.ofMinutes(1), 100),
				new OrderProperties.Payment(WeChatPayProvider.NAME,
						new OrderProperties.Reconciliation(Duration.ofSeconds(30), Duration.ofMinutes(1), 50),
						new OrderProperties.WeChatPay(keys.merchantId(), keys.merchantSerialNumber(),
								keyDir.resolve(PayStubKeys.MERCHANT_PRIVATE_KEY).toString(),
								keyDir.resolve(PayStubKeys.API_V3_KEY).toString(), keys.publicKeyId(),
								keyDir.resolve(PayStubKeys.PLATFORM_PUBLIC_KEY).toString(), keys.appId(),
								"http://127.0.0.1:9/api/payments/wechat/notify", "", URI.create(baseUrl),
								Duration.ofSeconds(1), readTimeout)),
				new OrderProperties.Files(URI.create("http://127.0.0.1:9"), Duration.ofMillis(500),
						Duration.ofSeconds(2)));
	}

}
