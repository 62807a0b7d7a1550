package io.minibase.box;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BoxPlanTest {

	@Test
	void readsEachMemberWithItsJarLibrariesKindAndOwnEnvironment() {
		Properties properties = new Properties();
		properties.setProperty("members", "order-service, gateway");
		properties.setProperty("order-service.jar", "/box/order-service/order-service.jar");
		properties.setProperty("order-service.libraries", "spring-boot-4.0.7.jar,HikariCP-7.0.2.jar");
		properties.setProperty("order-service.web", "servlet");
		properties.setProperty("order-service.env.SERVER_PORT", "8083");
		properties.setProperty("order-service.env.DB_HOST", "127.0.0.1");
		properties.setProperty("gateway.jar", "/box/gateway/gateway.jar");
		properties.setProperty("gateway.libraries", "spring-boot-4.0.7.jar,reactor-netty-http-1.3.6.jar");
		properties.setProperty("gateway.web", "reactive");
		properties.setProperty("gateway.env.SERVER_PORT", "8080");

		BoxPlan plan = BoxPlan.from(properties);

		assertThat(plan.members()).extracting(Member::name).containsExactly("order-service", "gateway");
		Member order = plan.members().get(0);
		assertThat(order.jar()).isEqualTo(Path.of("/box/order-service/order-service.jar"));
		assertThat(order.libraries()).containsExactlyInAnyOrder("spring-boot-4.0.7.jar", "HikariCP-7.0.2.jar");
		assertThat(order.web()).isEqualTo(WebApplicationType.SERVLET);
		// its own variables only, not the gateway's
		assertThat(order.env()).containsOnly(entry("SERVER_PORT", "8083"), entry("DB_HOST", "127.0.0.1"));
		assertThat(plan.members().get(1).web()).isEqualTo(WebApplicationType.REACTIVE);
		assertThat(plan.members().get(1).env()).containsOnly(entry("SERVER_PORT", "8080"));
	}

	@Test
	void aPlanWithoutMembersOrWithAMemberHalfDescribedIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> BoxPlan.from(new Properties()))
			.withMessageContaining("members");
		Properties properties = new Properties();
		properties.setProperty("members", "gateway");
		properties.setProperty("gateway.jar", "/box/gateway/gateway.jar");
		assertThatIllegalArgumentException().isThrownBy(() -> BoxPlan.from(properties))
			.withMessageContaining("has no gateway.web");
	}

	private static java.util.Map.Entry<String, String> entry(String key, String value) {
		return java.util.Map.entry(key, value);
	}

}
