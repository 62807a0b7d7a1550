package io.minibase.order.ordering;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.minibase.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After-sales on the shared application (real MariaDB, Redis, Kafka; the WeChat Pay stub
 * refunds, the WeChat stub checks the reasons): a request, the shop's approval refunding
 * through the order's refunds, rejection, the refusals, and the races between admins and
 * between shipping and an approval.
 */
class AfterSaleIT extends OrderIntegrationTest {

	private static final String SHIP = "{\"carrier\":\"顺丰速运\",\"trackingNo\":\"SF1234567890\"}";

	@Test
	void aCompletedOrdersAfterSaleIsApprovedAndTheWholeOrderIsRefunded() throws Exception {
		String token = newBuyer();
		String id = paidOrder(token, "61", 2);
		assertThat(admin("POST", "/api/admin/orders/" + id + "/ship", SHIP).statusCode()).isEqualTo(200);
		assertThat(post(token, "/api/orders/" + id + "/confirm-receipt").statusCode()).isEqualTo(200);
		String photo = FILES.upload(token);

		HttpResponse<String> requested = request(token, id,
				"{\"reason\":\"收到的尺码不对\",\"imageFileIds\":[\"" + photo + "\"]}");
		assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
		JsonNode afterSale = body(requested);
		String afterSaleId = afterSale.get("id").asString();
		assertThat(afterSale.get("orderId").asString()).isEqualTo(id);
		assertThat(afterSale.get("status").asString()).isEqualTo("REQUESTED");
		assertThat(afterSale.get("reason").asString()).isEqualTo("收到的尺码不对");
		assertThat(afterSale.get("amountFen").asLong()).as("all that is left").isEqualTo(2 * FakeCatalog.PRICE);
		assertThat(afterSale.get("imageFileIds").get(0).asString()).isEqualTo(photo);
		assertThat(body(get(token, "/api/orders/" + id + "/after-sales"))).singleElement()
			.satisfies((listed) -> assertThat(listed.get("id").asString()).isEqualTo(afterSaleId));
		HttpResponse<String> second = request(token, id, "{\"reason\":\"再来一次\"}");
		assertThat(second.statusCode()).as("one open after-sale per order").isEqualTo(409);
		assertThat(body(second).get("afterSaleId").asString()).isEqualTo(afterSaleId);
		assertThat(body(admin("GET", "/api/admin/after-sales?status=REQUESTED&size=100", null)).get("items"))
			.anySatisfy((listed) -> assertThat(listed.get("id").asString()).isEqualTo(afterSaleId));

		HttpResponse<String> approved = admin("POST", "/api/admin/after-sales/" + afterSaleId + "/approve", null);
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		assertThat(body(approved).get("status").asString()).isEqualTo("APPROVED");
		String refundId = body(approved).get("refundId").asString();
		assertThat(refundId).startsWith("RF");

		JsonNode order = awaitStatus(token, id, "REFUNDED");
		assertThat(order.get("refunds")).singleElement().satisfies((refund) -> {
			assertThat(refund.get("refundId").asString()).isEqualTo(refundId);
			assertThat(refund.get("amountFen").asLong()).isEqualTo(2 * FakeCatalog.PRICE);
			assertThat(refund.get("status").asString()).isEqualTo("SUCCESS");
		});
		assertThat(admin("POST", "/api/admin/after-sales/" + afterSaleId + "/approve", null).statusCode())
			.isEqualTo(409);
		HttpResponse<String> late = admin("POST", "/api/admin/after-sales/" + afterSaleId + "/reject",
				"{\"reason\":\"太晚了\"}");
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(body(late).get("afterSaleStatus").asString()).isEqualTo("APPROVED");
		assertThat(request(token, id, "{\"reason\":\"还要退\"}").statusCode()).as("nothing left: REFUNDED").isEqualTo(409);

		for (String type : List.of("order.AfterSaleRequested.v1", "order.AfterSaleApproved.v1",
				"order.RefundRequested.v1", "order.OrderRefunded.v1")) {
			assertThat(payloads(id, type)).as(type)
				.singleElement()
				.satisfies((payload) -> EventSchemas.assertConforms(type, payload));
		}
		assertThat(this.json.readTree(payloads(id, "order.OrderRefunded.v1").get(0)).get("shipped").asBoolean())
			.as("shipped: catalog keeps the units sold")
			.isTrue();
	}

	@Test
	void aPartialAfterSaleRefundsItsAmountAndAnotherMayFollowUpToWhatIsLeft() throws Exception {
		String token = newBuyer();
		String id = paidOrder(token, "62", 3);

		String first = body(request(token, id, "{\"reason\":\"一件有划痕\",\"amountFen\":100}")).get("id").asString();
		assertThat(admin("POST", "/api/admin/after-sales/" + first + "/approve", null).statusCode()).isEqualTo(200);
		JsonNode order = awaitRefunds(token, id, 1);
		assertThat(order.get("status").asString()).as("a partial refund keeps the order's status").isEqualTo("PAID");

		HttpResponse<String> tooMuch = request(token, id, "{\"reason\":\"全部退\",\"amountFen\":201}");
		assertThat(tooMuch.statusCode()).isEqualTo(409);
		assertThat(body(tooMuch).get("refundableFen").asLong()).isEqualTo(200);
		assertThat(body(tooMuch).get("errors").get(0).get("field").asString()).isEqualTo("amountFen");

		HttpResponse<String> rest = request(token, id, "{\"reason\":\"其余的也退了吧\"}");
		assertThat(body(rest).get("amountFen").asLong()).isEqualTo(200);
		String second = body(rest).get("id").asString();
		HttpResponse<String> rejected = admin("POST", "/api/admin/after-sales/" + second + "/reject",
				"{\"reason\":\"商品完好，不予退款\"}");
		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
		assertThat(body(rejected).get("status").asString()).isEqualTo("REJECTED");
		assertThat(body(rejected).get("rejectReason").asString()).isEqualTo("商品完好，不予退款");
		assertThat(admin("POST", "/api/admin/after-sales/" + second + "/approve", null).statusCode()).isEqualTo(409);
		assertThat(payloads(id, "order.AfterSaleRejected.v1")).singleElement()
			.satisfies((payload) -> EventSchemas.assertConforms("order.AfterSaleRejected.v1", payload));

		assertThat(request(token, id, "{\"reason\":\"再申请一次\"}").statusCode()).as("a rejected one is closed")
			.isEqualTo(201);
		assertThat(body(get(token, "/api/orders/" + id + "/after-sales"))).extracting((a) -> a.get("status").asString())
			.containsExactly("APPROVED", "REJECTED", "REQUESTED");
		assertThat(body(get(token, "/api/orders/" + id)).get("refunds")).hasSize(1);
	}

	@Test
	void strangersUnpaidOrdersOthersPhotosRiskyReasonsAndUnknownAfterSalesAreRefusedAndNothingIsSaved()
			throws Exception {
		String token = newBuyer();
		String id = paidOrder(token, "63", 1);
		String stranger = newBuyer();

		assertThat(request(stranger, id, "{\"reason\":\"不是我的\"}").statusCode()).isEqualTo(404);
		assertThat(get(stranger, "/api/orders/" + id + "/after-sales").statusCode()).isEqualTo(404);
		assertThat(request(token, "999999999999", "{\"reason\":\"没有\"}").statusCode()).isEqualTo(404);
		assertThat(request(token, "not-an-id", "{\"reason\":\"没有\"}").statusCode()).isEqualTo(404);

		String others = FILES.upload(stranger);
		String mine = FILES.upload(token);
		HttpResponse<String> foreign = request(token, id,
				"{\"reason\":\"坏了\",\"imageFileIds\":[\"" + mine + "\",\"" + others + "\"]}");
		assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(400);
		assertThat(body(foreign).get("errors")).singleElement()
			.satisfies((error) -> assertThat(error.get("field").asString()).isEqualTo("imageFileIds[1]"));
		FILES.failing = true;
		try {
			HttpResponse<String> unchecked = request(token, id,
					"{\"reason\":\"坏了\",\"imageFileIds\":[\"" + mine + "\"]}");
			assertThat(unchecked.statusCode()).as(unchecked.body()).isEqualTo(503);
			assertThat(unchecked.headers().firstValue("Retry-After")).hasValue("5");
		}
		finally {
			FILES.failing = false;
		}

		HttpResponse<String> risky = request(token, id, "{\"reason\":\"这是 forbidden-text 内容\"}");
		assertThat(risky.statusCode()).isEqualTo(422);
		assertThat(body(risky).get("type").asString()).endsWith("/content-rejected");
		assertThat(body(risky).get("errors").get(0).get("field").asString()).isEqualTo("reason");

		String unpaid = body(place(token, key(), "{\"items\":[{\"productId\":\"63\",\"quantity\":1}]}")).get("id")
			.asString();
		awaitStatus(token, unpaid, "AWAITING_PAYMENT");
		HttpResponse<String> notPaid = request(token, unpaid, "{\"reason\":\"还没付\"}");
		assertThat(notPaid.statusCode()).isEqualTo(409);
		assertThat(body(notPaid).get("orderStatus").asString()).isEqualTo("AWAITING_PAYMENT");

		assertThat(body(get(token, "/api/orders/" + id + "/after-sales"))).isEmpty();
		assertThat(payloads(id, "order.AfterSaleRequested.v1")).isEmpty();
		for (String path : List.of("/api/admin/after-sales/999999999999/approve", "/api/admin/after-sales/x/approve")) {
			HttpResponse<String> unknown = admin("POST", path, null);
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(unknown.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(admin("POST", "/api/admin/after-sales/999999999999/reject", "{\"reason\":\"no\"}").statusCode())
			.isEqualTo(404);
	}

	/** Two admins approve one after-sale at once: one refund, the other admin 409. */
	@Test
	void twoAdminsApprovingAtOnceMakeOneRefund() throws Exception {
		String token = newBuyer();
		for (String amount : List.of("", ",\"amountFen\":100")) {
			String id = paidOrder(token, "64", 2);
			String afterSale = body(request(token, id, "{\"reason\":\"重复批准\"" + amount + "}")).get("id").asString();
			String approve = "/api/admin/after-sales/" + afterSale + "/approve";

			CompletableFuture<Integer> one = CompletableFuture
				.supplyAsync(() -> status(() -> admin("POST", approve, null)));
			CompletableFuture<Integer> other = CompletableFuture
				.supplyAsync(() -> status(() -> admin("POST", approve, null)));

			assertThat(List.of(one.get(), other.get())).containsExactlyInAnyOrder(200, 409);
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM refund WHERE order_id = ?", Integer.class,
					Long.parseLong(id)))
				.isEqualTo(1);
			assertThat(payloads(id, "order.AfterSaleApproved.v1")).hasSize(1);
			assertThat(payloads(id, "order.RefundRequested.v1")).hasSize(1);
		}
	}

	/**
	 * Shipping and the approval of a whole after-sale race on one paid order: either it
	 * ships and is refunded as shipped (catalog keeps its units sold), or it is refunded
	 * before shipping and never ships (catalog gets its units back): exactly one of the
	 * two, never both, never neither.
	 */
	@Test
	void shippingAndAnApprovedRefundRacingOnAPaidOrderEndInExactlyOneOfShippedOrRestocked() throws Exception {
		String token = newBuyer();
		List<Integer> shipments = new ArrayList<>();
		for (int round = 0; round < 4; round++) {
			String id = paidOrder(token, "65", 1);
			String afterSale = body(request(token, id, "{\"reason\":\"不想要了\"}")).get("id").asString();

			CompletableFuture<Integer> ship = CompletableFuture
				.supplyAsync(() -> status(() -> admin("POST", "/api/admin/orders/" + id + "/ship", SHIP)));
			CompletableFuture<Integer> approve = CompletableFuture.supplyAsync(
					() -> status(() -> admin("POST", "/api/admin/after-sales/" + afterSale + "/approve", null)));
			int shipped = ship.get();
			assertThat(approve.get()).as("a shipped order is refundable too").isEqualTo(200);
			assertThat(shipped).isIn(200, 409);
			shipments.add(shipped);

			JsonNode order = awaitStatus(token, id, "REFUNDED");
			boolean restocked = !this.json.readTree(payloads(id, "order.OrderRefunded.v1").get(0))
				.get("shipped")
				.asBoolean();
			boolean leftTheShop = !payloads(id, "order.OrderShipped.v1").isEmpty();
			assertThat(leftTheShop).as("exactly one of shipped and restocked").isNotEqualTo(restocked);
			assertThat(leftTheShop).isEqualTo(shipped == 200);
			assertThat(order.get("shipment").isNull()).isEqualTo(!leftTheShop);
		}
	}

	private HttpResponse<String> request(String token, String orderId, String body) throws Exception {
		return send(request("/api/orders/" + orderId + "/after-sales", token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private JsonNode awaitRefunds(String token, String id, int succeeded) {
		return org.awaitility.Awaitility.await("refunds of order " + id)
			.atMost(java.time.Duration.ofSeconds(30))
			.pollInterval(java.time.Duration.ofMillis(100))
			.until(() -> body(get(token, "/api/orders/" + id)), (order) -> {
				int done = 0;
				for (JsonNode refund : order.get("refunds")) {
					done += "SUCCESS".equals(refund.get("status").asString()) ? 1 : 0;
				}
				return done == succeeded;
			});
	}

	private List<String> payloads(String id, String type) {
		return this.jdbc.queryForList("SELECT payload FROM outbox WHERE subject = ? AND event_type = ? ORDER BY id",
				String.class, id, type);
	}

	private static int status(Request request) {
		try {
			return request.send().statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@FunctionalInterface
	private interface Request {

		HttpResponse<String> send() throws Exception;

	}

}
