package io.minibase.wechatstub;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The stub answers over HTTP as the stub table in api.md says, and as WeChat would. */
class WeChatStubTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private final List<String> requestLog = new ArrayList<>();

	private WeChatStub stub;

	@BeforeEach
	void start() {
		this.stub = WeChatStub.start(0, this.requestLog::add);
	}

	@AfterEach
	void stop() {
		this.stub.close();
	}

	@Test
	void aUserCodeLogsInThatUserWithAFreshSessionKey() throws Exception {
		JsonNode first = answer("mock-alice-1");
		assertThat(first.get("openid").asString()).isEqualTo("mock-openid-alice");
		assertThat(first.has("errcode")).isFalse();
		byte[] sessionKey = Base64.getDecoder().decode(first.get("session_key").asString());
		assertThat(sessionKey).hasSize(16);

		JsonNode second = answer("mock-alice-2");
		assertThat(second.get("openid").asString()).isEqualTo("mock-openid-alice");
		assertThat(second.get("session_key").asString()).isNotEqualTo(first.get("session_key").asString());
	}

	@Test
	void aCodeThatAlreadyLoggedSomeoneInIsRefusedWith40163() throws Exception {
		assertThat(answer("mock-bob-x").get("openid").asString()).isEqualTo("mock-openid-bob");
		assertError(answer("mock-bob-x"), 40163);
		assertError(answer("mock-bob-x"), 40163);
	}

	@Test
	void anInvalidCodeIs40029EveryTime() throws Exception {
		assertError(answer("mock-invalid-1"), 40029);
		assertError(answer("mock-invalid-1"), 40029);
		assertThat(answer("mock-invalid-1").get("errmsg").asString()).isEqualTo("invalid code");
	}

	@Test
	void aRateLimitedCodeIs45011EveryTime() throws Exception {
		assertError(answer("mock-ratelimited-1"), 45011);
		assertError(answer("mock-ratelimited-1"), 45011);
	}

	@Test
	void aBusyCodeFailsWithMinusOneOnceThenLogsInTheUserBusyThenCountsAsUsed() throws Exception {
		assertError(answer("mock-busy-7"), -1);
		assertThat(answer("mock-busy-7").get("openid").asString()).isEqualTo("mock-openid-busy");
		assertError(answer("mock-busy-7"), 40163);
		// another busy code is busy again on its first try
		assertError(answer("mock-busy-8"), -1);
	}

	@Test
	void whileWeChatIsBusyEveryCodeFailsWithMinusOneAndIsNotSpent() throws Exception {
		this.stub.busy(true);
		assertError(answer("mock-alice-3"), -1);
		assertError(answer("mock-alice-3"), -1);
		this.stub.busy(false);
		assertThat(answer("mock-alice-3").get("openid").asString()).isEqualTo("mock-openid-alice");
	}

	@Test
	void userNamesOfUpTo32LowercaseLettersAndDigitsAreAccepted() throws Exception {
		String user = "a1".repeat(16);
		assertThat(answer("mock-" + user + "-z").get("openid").asString()).isEqualTo("mock-openid-" + user);
		assertThat(answer("mock-0-a-b-c").get("openid").asString()).isEqualTo("mock-openid-0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "mock-", "mock-alice", "mock-alice-", "mock-Alice-1", "mock-al_ice-1", "mock--1",
			"mock-a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a-1", "xmock-alice-1", "mock-invalid-", "mock-ratelimited-",
			"mock-busy-", "081xKkGa1SJxYI0n7GIa1jtAEt1xKkGQ" })
	void anythingElseIsAnInvalidCode(String code) throws Exception {
		assertError(answer(code), 40029);
	}

	@Test
	void aMissingCodeIsAnsweredAsWeChatDoes() throws Exception {
		HttpResponse<String> response = get(WeChatStub.PATH + "?appid=wx1&secret=s&grant_type=authorization_code");
		assertError(this.json.readTree(response.body()), 41008);
	}

	@Test
	void answersLikeWeChatHttp200WithJsonInATextPlainBody() throws Exception {
		HttpResponse<String> error = get(query("mock-invalid-1"));
		assertThat(error.statusCode()).isEqualTo(200);
		assertThat(error.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(error.body()).isEqualTo("{\"errcode\":40029,\"errmsg\":\"invalid code\"}");

		HttpResponse<String> success = get(query("mock-carol-1"));
		assertThat(success.statusCode()).isEqualTo(200);
		assertThat(success.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(this.requestLog).anySatisfy((line) -> assertThat(line).contains("mock-carol-1"));
	}

	@Test
	void otherPathsAndMethodsAreNotServed() throws Exception {
		assertThat(get("/sns/other").statusCode()).isEqualTo(404);
		HttpResponse<String> post = this.http.send(
				HttpRequest.newBuilder(uri(query("mock-dave-1"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
				BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);
		// the refused POST did not spend the code
		assertThat(answer("mock-dave-1").get("openid").asString()).isEqualTo("mock-openid-dave");
	}

	private JsonNode answer(String code) throws Exception {
		HttpResponse<String> response = get(query(code));
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private static void assertError(JsonNode answer, int errcode) {
		assertThat(answer.get("errcode").asInt()).isEqualTo(errcode);
		assertThat(answer.get("errmsg").asString()).isNotBlank();
		assertThat(answer.has("openid")).isFalse();
		assertThat(answer.has("session_key")).isFalse();
	}

	private static String query(String code) {
		return WeChatStub.PATH + "?appid=wx1234567890&secret=s3cret&js_code="
				+ URLEncoder.encode(code, StandardCharsets.UTF_8) + "&grant_type=authorization_code";
	}

	private HttpResponse<String> get(String pathAndQuery) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(), BodyHandlers.ofString());
	}

	private URI uri(String pathAndQuery) {
		return URI.create(this.stub.baseUrl() + pathAndQuery);
	}

}
