package org.ffmas.crm.api.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route anyone may call without credentials. The platform uses it for login and health
 * only; a plugin should use it only for what must be reachable from outside, such as a
 * receiver of an external service's callbacks that checks its own signature.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicRoute {}
