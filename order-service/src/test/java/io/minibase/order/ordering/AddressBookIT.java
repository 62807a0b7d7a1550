package io.minibase.order.ordering;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's address book on real MariaDB: the first is the default, exactly one default
 * whatever is added, changed or deleted, at most 20 even when added at once, strangers
 * get 404; and the snapshot an order keeps of one.
 */
class AddressBookIT extends OrderIntegrationTest {

	private static final String HOME = "{\"name\":\"张三\",\"phone\":\"13812345678\",\"province\":\"广东省\","
			+ "\"city\":\"深圳市\",\"district\":\"南山区\",\"detail\":\"科技园路1号\"}";

	@Test
	void theFirstAddressIsTheDefaultAndThereIsAlwaysExactlyOne() throws Exception {
		String user = newUser();
		String first = id(send(user, "POST", "", HOME));
		String second = id(send(user, "POST", "", HOME.replace("张三", "李四")));
		assertThat(defaults(user)).containsExactly(first);

		HttpResponse<String> madeDefault = send(user, "PUT", "/" + second,
				HOME.replace("张三", "李四").replace("}", ",\"isDefault\":true}"));
		assertThat(madeDefault.statusCode()).isEqualTo(200);
		assertThat(body(madeDefault).get("isDefault").asBoolean()).isTrue();
		assertThat(defaults(user)).containsExactly(second);
		String third = id(send(user, "POST", "", HOME.replace("}", ",\"isDefault\":true}")));
		assertThat(defaults(user)).containsExactly(third);

		// the default stays the default until another one is
		HttpResponse<String> undefault = send(user, "PUT", "/" + third, HOME.replace("}", ",\"isDefault\":false}"));
		assertThat(undefault.statusCode()).isEqualTo(409);
		assertThat(defaults(user)).containsExactly(third);

		// deleting the default makes the newest left the default
		assertThat(send(user, "DELETE", "/" + third, null).statusCode()).isEqualTo(204);
		assertThat(defaults(user)).containsExactly(second);
		assertThat(send(user, "DELETE", "/" + second, null).statusCode()).isEqualTo(204);
		assertThat(send(user, "DELETE", "/" + first, null).statusCode()).isEqualTo(204);
		assertThat(body(send(user, "GET", "", null))).isEmpty();
		String again = id(send(user, "POST", "", HOME));
		assertThat(defaults(user)).containsExactly(again);
	}

	@Test
	void anEditReplacesThePartsStripped() throws Exception {
		String user = newUser();
		String id = id(send(user, "POST", "", HOME));
		HttpResponse<String> edited = send(user, "PUT", "/" + id, HOME.replace("科技园路1号", "  科技园路2号 A座 "));
		assertThat(edited.statusCode()).isEqualTo(200);
		assertThat(body(edited).get("detail").asString()).isEqualTo("科技园路2号 A座");
		assertThat(body(send(user, "GET", "", null)).get(0).get("detail").asString()).isEqualTo("科技园路2号 A座");
	}

	@Test
	void anotherUsersAddressIs404AndStaysAsItWas() throws Exception {
		String owner = newUser();
		String id = id(send(owner, "POST", "", HOME));
		String stranger = newUser();

		assertThat(send(stranger, "PUT", "/" + id, HOME.replace("张三", "王五")).statusCode()).isEqualTo(404);
		assertThat(send(stranger, "DELETE", "/" + id, null).statusCode()).isEqualTo(404);
		assertThat(send(stranger, "DELETE", "/not-an-id", null).statusCode()).isEqualTo(404);
		assertThat(body(send(stranger, "GET", "", null))).isEmpty();
		assertThat(body(send(owner, "GET", "", null)).get(0).get("name").asString()).isEqualTo("张三");
	}

	@Test
	void aBookHoldsAtMost20EvenWhenAddedAtOnce() throws Exception {
		String user = newUser();
		for (int i = 0; i < 15; i++) {
			assertThat(send(user, "POST", "", HOME).statusCode()).isEqualTo(201);
		}
		List<CompletableFuture<Integer>> adds = IntStream.range(0, 10)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> {
				try {
					return send(user, "POST", "", HOME).statusCode();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}))
			.toList();
		List<Integer> statuses = adds.stream().map(CompletableFuture::join).toList();

		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(5);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(5);
		assertThat(body(send(user, "GET", "", null))).hasSize(20);
		assertThat(defaults(user)).hasSize(1);
	}

	@Test
	void anOrderKeepsTheAddressAsItWasAtCheckout() throws Exception {
		String user = newUser();
		String address = id(send(user, "POST", "", HOME));
		String key = key();
		String order = "{\"items\":[{\"productId\":\"51\",\"quantity\":1}],\"addressId\":\"" + address + "\"}";
		HttpResponse<String> placed = place(user, key, order);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String id = body(placed).get("id").asString();
		assertThat(body(placed).get("address").get("detail").asString()).isEqualTo("科技园路1号");

		assertThat(send(user, "PUT", "/" + address, HOME.replace("科技园路1号", "搬家了")).statusCode()).isEqualTo(200);
		JsonNode kept = body(get(user, "/api/orders/" + id)).get("address");
		assertThat(kept.get("name").asString()).isEqualTo("张三");
		assertThat(kept.get("phone").asString()).isEqualTo("13812345678");
		assertThat(kept.get("province").asString()).isEqualTo("广东省");
		assertThat(kept.get("city").asString()).isEqualTo("深圳市");
		assertThat(kept.get("district").asString()).isEqualTo("南山区");
		assertThat(kept.get("detail").asString()).isEqualTo("科技园路1号");
		assertThat(send(user, "DELETE", "/" + address, null).statusCode()).isEqualTo(204);
		assertThat(body(get(user, "/api/orders?size=5")).get("items").get(0).get("address").get("detail").asString())
			.isEqualTo("科技园路1号");

		// the same key and body: the same order, though the address is gone now
		HttpResponse<String> replayed = place(user, key, order);
		assertThat(replayed.statusCode()).isEqualTo(201);
		assertThat(body(replayed).get("id").asString()).isEqualTo(id);
		String other = id(send(user, "POST", "", HOME));
		assertThat(place(user, key, order.replace(address, other)).statusCode()).as("another address, same key")
			.isEqualTo(422);
	}

	@Test
	void anOrderToAnotherUsersAddressIs404AndPlacesNothing() throws Exception {
		String stranger = id(send(newUser(), "POST", "", HOME));
		String user = newUser();
		String key = key();

		HttpResponse<String> refused = place(user, key,
				"{\"items\":[{\"productId\":\"52\",\"quantity\":1}],\"addressId\":\"" + stranger + "\"}");
		assertThat(refused.statusCode()).isEqualTo(404);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(body(get(user, "/api/orders")).get("items")).isEmpty();
		// nothing was claimed: the key still places an order
		String mine = id(send(user, "POST", "", HOME));
		assertThat(
				place(user, key, "{\"items\":[{\"productId\":\"52\",\"quantity\":1}],\"addressId\":\"" + mine + "\"}")
					.statusCode())
			.isEqualTo(201);
	}

	private List<String> defaults(String token) throws Exception {
		return body(send(token, "GET", "", null)).valueStream()
			.filter((address) -> address.get("isDefault").asBoolean())
			.map((address) -> address.get("id").asString())
			.toList();
	}

	private String id(HttpResponse<String> added) {
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		return body(added).get("id").asString();
	}

	private HttpResponse<String> send(String token, String method, String path, String body) throws Exception {
		return send(request("/api/users/me/addresses" + path, token).header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

}
