package org.ffmas.crm.config;

/**
 * A setting has a value the platform cannot start with. Its message is the single line shown
 * to whoever started the platform: it names the setting and says what is wrong.
 */
public class SettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String settingName;

    public SettingException(Setting setting, String problem) {
        this(setting.envName() + " (" + setting.key() + ")", problem, null);
    }

    public SettingException(Setting setting, String problem, Throwable cause) {
        this(setting.envName() + " (" + setting.key() + ")", problem, cause);
    }

    /** For a problem that is not one setting's, such as the configuration file itself. */
    public SettingException(String settingName, String problem, Throwable cause) {
        super(settingName + ": " + problem, cause);
        this.settingName = settingName;
    }

    public String settingName() {
        return settingName;
    }
}
