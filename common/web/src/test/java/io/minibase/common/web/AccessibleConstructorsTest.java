package io.minibase.common.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.ibatis.reflection.ReflectionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessibleConstructorsTest {

	private final AccessibleConstructors factory = new AccessibleConstructors();

	@Test
	void aPackagePrivateRecordIsBuiltThroughItsConstructorEveryTime() {
		for (int i = 0; i < 3; i++) {
			Row row = this.factory.create(Row.class, List.of(long.class, String.class), List.of(7L, "苹果"));
			assertThat(row).isEqualTo(new Row(7, "苹果"));
		}
	}

	@Test
	void aRowTypeWithoutArgumentsAndTheCollectionInterfacesWorkAsInMyBatis() {
		assertThat(this.factory.create(Empty.class)).isInstanceOf(Empty.class);
		assertThat(this.factory.create(List.class)).isInstanceOf(ArrayList.class);
		assertThat(this.factory.create(Map.class)).isEmpty();
	}

	@Test
	void aConstructorThatRefusesItsArgumentsSaysWhy() {
		assertThatThrownBy(() -> this.factory.create(Checked.class, List.of(int.class), List.of(-1)))
			.isInstanceOf(ReflectionException.class)
			.hasRootCauseInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("negative");
	}

	@Test
	void anUnknownConstructorIsMyBatissOwnError() {
		assertThatThrownBy(() -> this.factory.create(Row.class, List.of(String.class), List.of("x")))
			.isInstanceOf(ReflectionException.class);
	}

	record Row(long id, String name) {
	}

	static final class Empty {

		private Empty() {
		}

	}

	record Checked(int count) {

		Checked {
			if (count < 0) {
				throw new IllegalArgumentException("count is negative");
			}
		}

	}

}
