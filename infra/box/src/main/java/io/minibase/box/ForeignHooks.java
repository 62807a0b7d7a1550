package io.minibase.box;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Leaves out the JVM-wide hooks a library installs for another library's sake, when the
 * member does not have that other library of its own.
 *
 * <p>
 * {@link MemberSettings} leaves out another member's auto-configurations, but a library
 * can also look at the class path itself, through its own class loader, which in the box
 * sees every member's libraries. Spring Security does: with Spring WebFlux present, every
 * servlet application's security configuration registers a Reactor hook
 * ({@code Hooks.onLastOperator}) that puts the servlet request's security context into
 * every reactive subscription, for WebClient's sake. The services have no WebClient, but
 * the hook is static: it wrapped every operator of the gateway's reactive chains in the
 * same JVM, and was about a sixth of the gateway's CPU on a cached read (JFR,
 * docs/sizing.md).
 */
final class ForeignHooks implements BeanFactoryPostProcessor {

	static final String SECURITY_REACTOR_CONTEXT = "securityReactorContextSubscriberRegistrar";

	private static final String SECURITY_REACTOR_CONTEXT_CONFIGURATION = "org.springframework.security.config.annotation.web.configuration.SecurityReactorContextConfiguration";

	private final Member member;

	ForeignHooks(Member member) {
		this.member = member;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (hasOwn("spring-webflux-") || !(beanFactory instanceof BeanDefinitionRegistry registry)
				|| !registry.containsBeanDefinition(SECURITY_REACTOR_CONTEXT)) {
			return;
		}
		BeanDefinition definition = registry.getBeanDefinition(SECURITY_REACTOR_CONTEXT);
		if (SECURITY_REACTOR_CONTEXT_CONFIGURATION.equals(definition.getFactoryBeanName())) {
			registry.removeBeanDefinition(SECURITY_REACTOR_CONTEXT);
		}
	}

	private boolean hasOwn(String libraryPrefix) {
		return this.member.libraries().stream().anyMatch((library) -> library.startsWith(libraryPrefix));
	}

}
