package io.minibase.order.wechat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeTest {

	private static final Notice SHIPPED = new Notice(Notice.Kind.SHIPPED, 42, 7, List.of("新疆阿克苏冰糖心苹果特级大果十斤装", "梨"),
			1250L, "顺丰速运", "SF1", null, Instant.parse("2026-01-02T03:04:05Z"));

	@Test
	void placeholdersAreFilledAndEachFieldIsCutToItsTypesLength() {
		Map<String, Map<String, String>> data = SHIPPED.data(Map.of("character_string1", "{orderId}", "thing2",
				"{items}", "amount3", "{amount}", "time4", "{time}", "phrase5", "已发货请留意"));

		assertThat(data.get("character_string1")).containsEntry("value", "42");
		// 20 characters at most, and never half a character
		assertThat(data.get("thing2").get("value")).isEqualTo("新疆阿克苏冰糖心苹果特级大果十斤装等2件".substring(0, 20)).hasSize(20);
		assertThat(data.get("amount3")).containsEntry("value", "12.50元");
		assertThat(data.get("time4")).containsEntry("value", "2026-01-02 11:04");
		assertThat(data.get("phrase5")).containsEntry("value", "已发货请留");
	}

	@Test
	void thePageNamesTheOrder() {
		assertThat(SHIPPED.page("pages/order/detail?id={orderId}")).isEqualTo("pages/order/detail?id=42");
	}

	@Test
	void fenAreShownAsYuan() {
		assertThat(Notice.yuan(5)).isEqualTo("0.05元");
		assertThat(Notice.yuan(100000)).isEqualTo("1000.00元");
	}

}
