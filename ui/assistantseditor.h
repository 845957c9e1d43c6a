#pragma once

#include "store/assistanttemplaterepository.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace oc {

class ConsoleEngine;
class RolloutDialog;
struct AssistantTemplates;

// Settings → Assistants (issue 13): the assistants' template as numbered versions in the database. Pick a
// version to read it; edit it with a preview of the exact JSON an assistant will be created with; save it as
// version N+1 (the database, at once — not the Settings dialog's Save); roll a version out to every active setup,
// dry-run it first, or roll back to the version before the current one, each in a progress window.
class AssistantsEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssistantsEditor)

public:
    explicit AssistantsEditor(ConsoleEngine &engine, QWidget *parent = nullptr);

    // Reads the versions again (done on construction).
    void reload();
    // The template as edited now.
    AssistantTemplate edited() const;
    bool isDirty() const;
    qint64 currentVersion() const { return m_current; }
    qint64 selectedVersion() const { return m_selected; }
    const QList<AssistantTemplateVersion> &versions() const { return m_versions; }
    void selectVersion(qint64 version);

    QListWidget *versionList() const { return m_list; }
    QPlainTextEdit *systemPrompt() const { return m_prompt; }
    QLineEdit *firstMessage() const { return m_firstMessage; }
    QLineEdit *noteField() const { return m_note; }
    QPlainTextEdit *preview() const { return m_preview; }
    QComboBox *previewRole() const { return m_role; }
    QLineEdit *previewOrganization() const { return m_sampleOrg; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *rolloutButton() const { return m_rollout; }
    QPushButton *dryRunButton() const { return m_dryRun; }
    QPushButton *rollbackButton() const { return m_rollback; }
    QLabel *status() const { return m_status; }
    // The progress window of the last rollout started here, while it is open.
    RolloutDialog *rolloutDialog() const;

Q_SIGNALS:
    // The versions were read (after reload() or a save).
    void loaded();

public Q_SLOTS:
    void save();
    // Asks, then rolls the selected version out to every active setup.
    void rollOut();
    void dryRun();
    // Asks, then rolls back to the version before the current one.
    void rollBack();

private:
    void display(const AssistantTemplates &answer, qint64 select);
    void fill(const AssistantTemplate &body);
    void updatePreview();
    void updateButtons();
    void startRollout(qint64 version, bool dryRun);
    const AssistantTemplateVersion *find(qint64 version) const;

    ConsoleEngine &m_engine;
    QList<AssistantTemplateVersion> m_versions;
    qint64 m_current = 0;
    qint64 m_selected = 0;
    bool m_busy = false;
    bool m_filling = false;
    QListWidget *m_list;
    QLineEdit *m_modelProvider;
    QLineEdit *m_model;
    QLineEdit *m_voiceProvider;
    QLineEdit *m_voiceId;
    QLineEdit *m_firstMessage;
    QPlainTextEdit *m_prompt;
    QComboBox *m_role;
    QLineEdit *m_sampleOrg;
    QPlainTextEdit *m_preview;
    QLineEdit *m_note;
    QPushButton *m_save;
    QPushButton *m_revert;
    QPushButton *m_rollout;
    QPushButton *m_dryRun;
    QPushButton *m_rollback;
    QLabel *m_status;
    QPointer<QWidget> m_lastRollout; // deletes itself when closed after its rollout
};

} // namespace oc
