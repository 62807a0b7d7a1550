package io.minibase.local;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.minibase.local.Gateway.get;
import static io.minibase.local.Gateway.post;
import static io.minibase.local.Gateway.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop's WeChat calls on the whole stack, through the gateway: a product's share code
 * (catalog-service, getwxacodeunlimit at the stub), the buyer's subscribe message when an
 * order is paid and the shipping information when it is shipped (order-service, from its
 * own order.orders.v1), a phone number bound and shown masked and a risky nickname
 * refused (auth-service). Images under the media check: FilesThroughTheGatewayIT.
 */
@ExtendWith(SharedStack.class)
class WeChatThroughTheGatewayIT {

	private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private static String product;

	@BeforeAll
	static void aProductOnSale() throws Exception {
		String admin = Gateway
			.body(send(post("/api/admin/auth/login", null,
					"{\"username\":\"admin\",\"password\":\"" + SharedStack.adminPassword() + "\"}")))
			.get("accessToken")
			.asString();
		String category = Gateway
			.body(send(post("/api/admin/catalog/categories", admin, "{\"name\":\"WeChat " + RUN + "\"}")))
			.get("id")
			.asString();
		HttpResponse<String> created = send(post("/api/admin/catalog/products", admin, """
				{"name":"Shared %s","description":"e2e","priceFen":990,"stock":5,"categoryId":"%s"}""".formatted(RUN,
				category)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		product = Gateway.body(created).get("id").asString();
	}

	@Test
	void aProductsShareCodeIsAPngMadeOnceAndServedLikeAFile() throws Exception {
		int made = SharedStack.stack().weChatStub().shareCodes();
		HttpResponse<byte[]> code = send(get("/api/catalog/products/" + product + "/share-code", null),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(code.statusCode()).isEqualTo(200);
		assertThat(code.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(ImageIO.read(new ByteArrayInputStream(code.body()))).isNotNull();
		String etag = code.headers().firstValue("ETag").orElseThrow();

		// again, from the gateway's micro-cache or from catalog's table: the same bytes
		HttpResponse<byte[]> again = send(get("/api/catalog/products/" + product + "/share-code", null),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(again.body()).isEqualTo(code.body());
		HttpRequest revalidate = HttpRequest
			.newBuilder(get("/api/catalog/products/" + product + "/share-code", null), (name, value) -> true)
			.header("If-None-Match", etag)
			.build();
		assertThat(send(revalidate).statusCode()).isEqualTo(304);
		assertThat(SharedStack.stack().weChatStub().shareCodes()).isEqualTo(made + 1);

		HttpResponse<String> unknown = send(get("/api/catalog/products/987654321/share-code", null));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aPaidOrderSendsItsBuyerASubscribeMessage() throws Exception {
		String buyer = "wx" + RUN;
		String token = Gateway.login("mock-" + buyer + "-" + UUID.randomUUID());
		HttpResponse<String> address = send(post("/api/users/me/addresses", token, """
				{"name":"收件人","phone":"13800138000","province":"广东省","city":"深圳市","district":"南山区",
				 "detail":"科技园 1 号"}"""));
		assertThat(address.statusCode()).as(address.body()).isEqualTo(201);
		String addressId = Gateway.body(address).get("id").asString();
		HttpRequest place = HttpRequest
			.newBuilder(post("/api/orders", token,
					"{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}],\"addressId\":\"" + addressId
							+ "\"}"),
					(name, value) -> true)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.build();
		HttpResponse<String> placed = send(place);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String order = Gateway.body(placed).get("id").asString();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> Gateway.body(send(get("/api/orders/" + order, token))).get("status").asString(),
					"AWAITING_PAYMENT"::equals);
		String prepay = Gateway.body(send(post("/api/orders/" + order + "/pay", token, null)))
			.get("requestPayment")
			.get("package")
			.asString()
			.substring("prepay_id=".length());
		Gateway.payAtTheStub(prepay);

		JsonNode message = await("the paid message of order " + order).atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> SharedStack.stack()
				.weChatStub()
				.subscribeMessages()
				.stream()
				.filter((m) -> m.get("touser").asString().equals("mock-openid-" + buyer))
				.findFirst()
				.orElse(null), (m) -> m != null);
		assertThat(message.get("template_id").asString()).isEqualTo("local-paid");
		assertThat(message.get("page").asString()).isEqualTo("pages/order/detail?id=" + order);
		assertThat(message.get("data").get("amount3").get("value").asString()).isEqualTo("9.90元");

		// shipped by the shop: its shipping information goes to WeChat's order management
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> Gateway.body(send(get("/api/orders/" + order, token))).get("status").asString(),
					"PAID"::equals);
		String trackingNo = "SF" + RUN.toUpperCase(java.util.Locale.ROOT);
		HttpResponse<String> shipped = send(post("/api/admin/orders/" + order + "/ship", admin(),
				"{\"carrier\":\"顺丰速运\",\"trackingNo\":\"" + trackingNo + "\"}"));
		assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(200);
		JsonNode upload = await("the shipping upload of order " + order).atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> SharedStack.stack()
				.weChatStub()
				.shippingUploads()
				.stream()
				.filter((u) -> u.path("shipping_list").path(0).path("tracking_no").asString("").equals(trackingNo))
				.findFirst()
				.orElse(null), (u) -> u != null);
		assertThat(upload.path("payer").path("openid").asString()).isEqualTo("mock-openid-" + buyer);
		assertThat(upload.path("shipping_list").path(0).path("express_company").asString()).isEqualTo("SF");
	}

	@Test
	void aBuyersPhoneIsBoundAndShownMaskedAndARiskyNicknameIsRefused() throws Exception {
		String token = Gateway.login("mock-phone" + RUN + "-" + UUID.randomUUID());
		HttpResponse<String> bound = send(
				post("/api/users/me/phone", token, "{\"code\":\"phone-13812345678-" + UUID.randomUUID() + "\"}"));
		assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
		assertThat(Gateway.body(bound).get("phoneMasked").asString()).isEqualTo("138****5678");
		assertThat(bound.body()).doesNotContain("13812345678");
		HttpResponse<String> used = send(post("/api/users/me/phone", token, "{\"code\":\"phone-invalid-x\"}"));
		assertThat(used.statusCode()).isEqualTo(400);

		HttpRequest risky = HttpRequest.newBuilder(URI.create(SharedStack.stack().gatewayUrl() + "/api/users/me"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"nickname\":\"违规的名字\"}"))
			.build();
		HttpResponse<String> refused = send(risky);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Gateway.body(refused).get("type").asString()).endsWith("/content-rejected");
		assertThat(Gateway.body(send(get("/api/users/me", token))).get("nickname").asString()).isNotEqualTo("违规的名字");
	}

	private static String admin() throws Exception {
		return Gateway
			.body(send(post("/api/admin/auth/login", null,
					"{\"username\":\"admin\",\"password\":\"" + SharedStack.adminPassword() + "\"}")))
			.get("accessToken")
			.asString();
	}

}
