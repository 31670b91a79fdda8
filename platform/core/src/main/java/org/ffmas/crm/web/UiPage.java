package org.ffmas.crm.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource of web pages: without a session its routes redirect to the login form, and
 * its forms carry the CSRF token as a field ({@code csrf}), which the resource checks.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface UiPage {}
