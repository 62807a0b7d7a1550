package io.minibase.common.web;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CursorPageTest {

	@Test
	void rowsBeyondTheSizeAreCutAndTheCursorLeadsPastTheLastShown() {
		CursorPage<Long> page = CursorPage.of(List.of(9L, 8L, 7L), 2, Long::longValue);

		assertThat(page.items()).containsExactly(9L, 8L);
		assertThat(KeysetCursor.lastId(page.nextCursor())).isEqualTo(8L);
	}

	@Test
	void aFullLastPageHasNoCursor() {
		CursorPage<Long> page = CursorPage.of(List.of(9L, 8L), 2, Long::longValue);

		assertThat(page.items()).containsExactly(9L, 8L);
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void anEmptyListIsOneEmptyLastPage() {
		CursorPage<Long> page = CursorPage.of(List.of(), 20, Long::longValue);

		assertThat(page.items()).isEmpty();
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void mappingTheItemsKeepsTheCursor() {
		CursorPage<Long> rows = CursorPage.of(List.of(9L, 8L, 7L), 2, Long::longValue);

		CursorPage<String> views = rows.map((id) -> "id-" + id);

		assertThat(views.items()).containsExactly("id-9", "id-8");
		assertThat(views.nextCursor()).isEqualTo(rows.nextCursor());
	}

	@Test
	void thePageDoesNotChangeWithTheListItWasMadeOf() {
		List<Long> rows = new ArrayList<>(List.of(9L, 8L));
		CursorPage<Long> page = new CursorPage<>(rows, null);

		rows.add(7L);

		assertThat(page.items()).containsExactly(9L, 8L);
	}

	@Test
	void theLastPageWritesItsNullCursorEvenWhereNullsAreLeftOut() {
		for (JsonMapper json : new JsonMapper[] { JsonMapper.shared(),
				JsonMapper.builder()
					.changeDefaultPropertyInclusion(
							(inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
					.build() }) {
			assertThat(json.writeValueAsString(new CursorPage<>(List.of("a"), null)))
				.isEqualTo("{\"items\":[\"a\"],\"nextCursor\":null}");
		}
		assertThat(JsonMapper.shared().writeValueAsString(new CursorPage<>(List.of(), "abc")))
			.isEqualTo("{\"items\":[],\"nextCursor\":\"abc\"}");
	}

}
