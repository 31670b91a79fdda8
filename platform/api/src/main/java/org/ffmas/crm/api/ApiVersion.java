package org.ffmas.crm.api;

/**
 * The version of the plugin API that this platform implements.
 *
 * <p>A plugin declares in its descriptor ({@code Plugin-Requires}) the range of API versions it
 * was written against; the platform refuses to load a plugin whose range does not contain
 * {@link #CURRENT}. The version follows semantic versioning: the major number changes when
 * something a plugin may rely on is removed or changed incompatibly, the minor number when
 * something is added (1.1.0: {@link PluginContext#http()}, {@link SettingSpec.Type#ENDPOINT}).
 */
public final class ApiVersion {

    /** The API version implemented by this build of the platform, for example {@code 1.0.0}. */
    public static final String CURRENT = "1.1.0";

    private ApiVersion() {}
}
