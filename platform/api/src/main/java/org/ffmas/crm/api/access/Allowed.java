package org.ffmas.crm.api.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a JAX-RS resource method, of the platform or of a plugin's
 * {@link org.ffmas.crm.api.extension.ApiContributor}. On a class, it applies to every method
 * that does not carry its own. A method with neither this nor {@link PublicRoute} is refused
 * to everyone: a route must say who may call it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {

    /** The roles allowed; a caller with another role gets 403. */
    Role[] value();
}
