package io.minibase.box;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.GenericBeanDefinition;
import org.springframework.boot.WebApplicationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member without WebFlux of its own does not install Spring Security's Reactor hook,
 * which would wrap the gateway's reactive chains in the same JVM.
 */
class ForeignHooksTest {

	private static final String CONFIGURATION = "org.springframework.security.config.annotation.web.configuration.SecurityReactorContextConfiguration";

	@Test
	void aServiceWithoutWebFluxLeavesTheHookOut() {
		DefaultListableBeanFactory beans = securityWithReactorHook();

		new ForeignHooks(member(Set.of("spring-security-config-7.0.6.jar"))).postProcessBeanFactory(beans);

		assertThat(beans.containsBeanDefinition(ForeignHooks.SECURITY_REACTOR_CONTEXT)).isFalse();
		assertThat(beans.containsBeanDefinition(CONFIGURATION)).isTrue();
	}

	@Test
	void aServiceWithWebFluxOfItsOwnKeepsIt() {
		DefaultListableBeanFactory beans = securityWithReactorHook();

		new ForeignHooks(member(Set.of("spring-security-config-7.0.6.jar", "spring-webflux-7.0.7.jar")))
			.postProcessBeanFactory(beans);

		assertThat(beans.containsBeanDefinition(ForeignHooks.SECURITY_REACTOR_CONTEXT)).isTrue();
	}

	@Test
	void aBeanOfTheSameNameFromElsewhereIsLeftAlone() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerBeanDefinition(ForeignHooks.SECURITY_REACTOR_CONTEXT, new GenericBeanDefinition());

		new ForeignHooks(member(Set.of())).postProcessBeanFactory(beans);

		assertThat(beans.containsBeanDefinition(ForeignHooks.SECURITY_REACTOR_CONTEXT)).isTrue();
	}

	private static DefaultListableBeanFactory securityWithReactorHook() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerBeanDefinition(CONFIGURATION, new GenericBeanDefinition());
		GenericBeanDefinition registrar = new GenericBeanDefinition();
		registrar.setFactoryBeanName(CONFIGURATION);
		registrar.setFactoryMethodName(ForeignHooks.SECURITY_REACTOR_CONTEXT);
		beans.registerBeanDefinition(ForeignHooks.SECURITY_REACTOR_CONTEXT, registrar);
		return beans;
	}

	private static Member member(Set<String> libraries) {
		return new Member("order-service", Path.of("order-service.jar"), libraries, WebApplicationType.SERVLET,
				Map.of());
	}

}
