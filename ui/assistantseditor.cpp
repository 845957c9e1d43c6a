#include "assistantseditor.h"

#include "confirmation.h"
#include "console/consoleengine.h"
#include "rolloutdialog.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace oc {

namespace {

QLineEdit *lineEdit(QWidget *parent, const QString &accessibleName)
{
    auto *edit = new QLineEdit(parent);
    edit->setAccessibleName(accessibleName);
    return edit;
}

} // namespace

AssistantsEditor::AssistantsEditor(ConsoleEngine &engine, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_list(new QListWidget(this)), m_modelProvider(lineEdit(this, tr("Model provider"))),
      m_model(lineEdit(this, tr("Model"))), m_voiceProvider(lineEdit(this, tr("Voice provider"))), m_voiceId(lineEdit(this, tr("Voice"))),
      m_firstMessage(lineEdit(this, tr("First message"))), m_prompt(new QPlainTextEdit(this)), m_role(new QComboBox(this)),
      m_sampleOrg(lineEdit(this, tr("Preview organization"))), m_preview(new QPlainTextEdit(this)), m_note(lineEdit(this, tr("What changed"))),
      m_save(new QPushButton(this)), m_revert(new QPushButton(tr("Re&vert"), this)), m_rollout(new QPushButton(this)),
      m_dryRun(new QPushButton(tr("&Dry run…"), this)), m_rollback(new QPushButton(tr("Roll &back…"), this)), m_status(new QLabel(this))
{
    m_list->setAccessibleName(tr("Assistant template versions"));
    m_list->setMinimumWidth(220);
    m_prompt->setAccessibleName(tr("System prompt"));
    m_prompt->setTabChangesFocus(true);
    m_prompt->setPlaceholderText(tr("What the assistant is told before every call. {orgName} and {role} are replaced."));
    m_firstMessage->setPlaceholderText(tr("What the assistant says first. {orgName} and {role} are replaced."));
    m_role->addItem(tr("Inbound assistant"), int(AssistantRole::Inbound));
    m_role->addItem(tr("Outbound assistant"), int(AssistantRole::Outbound));
    m_role->setAccessibleName(tr("Preview role"));
    m_sampleOrg->setText(tr("Acme Dental"));
    m_preview->setReadOnly(true);
    m_preview->setAccessibleName(tr("JSON preview"));
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_note->setPlaceholderText(tr("What changed (shown in the list)"));
    m_note->setMaxLength(200);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("assistantsStatus"));
    m_save->setDefault(false);
    m_save->setAutoDefault(false);
    m_dryRun->setToolTip(tr("Read every active setup's assistants and list what a rollout of the selected version would change; nothing is changed"));
    m_rollback->setToolTip(tr("Put the version before the current one back on every active setup's assistants"));

    auto *form = new QFormLayout;
    form->addRow(tr("Model &provider:"), m_modelProvider);
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("Voice p&rovider:"), m_voiceProvider);
    form->addRow(tr("Vo&ice:"), m_voiceId);
    form->addRow(tr("&First message:"), m_firstMessage);
    form->addRow(tr("&System prompt:"), m_prompt);
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_revert);
    noteRow->addWidget(m_save);
    auto *noteLabel = new QLabel(tr("&Note:"), this);
    noteLabel->setBuddy(m_note);
    form->addRow(noteLabel, noteRow);

    auto *previewBox = new QGroupBox(tr("What a new assistant gets (POST /assistant)"), this);
    auto *previewTop = new QHBoxLayout;
    previewTop->addWidget(m_role);
    previewTop->addWidget(new QLabel(tr("for"), previewBox));
    previewTop->addWidget(m_sampleOrg, 1);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addLayout(previewTop);
    previewLayout->addWidget(m_preview, 1);
    auto *previewHint = new QLabel(tr("A rollout changes only these keys of each assistant: model (provider, model, the system message), "
                                      "voice (provider, voice), firstMessage and metadata.templateVersion; everything else is kept."),
                                   previewBox);
    previewHint->setWordWrap(true);
    previewLayout->addWidget(previewHint);

    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(form, 1);
    editorLayout->addWidget(previewBox, 1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Versions (★ the one new setups use):"), left));
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_rollout);
    leftLayout->addWidget(m_dryRun);
    leftLayout->addWidget(m_rollback);

    // Versions read whole: long notes wrap rather than hide behind a scroll bar.
    m_list->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 18);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(editor);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({fontMetrics().horizontalAdvance(QLatin1Char('M')) * 22, fontMetrics().horizontalAdvance(QLatin1Char('M')) * 60});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Saved to the team database at once: the dialog's Save and Cancel do not apply here."), this));
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    for (QLineEdit *edit : {m_modelProvider, m_model, m_voiceProvider, m_voiceId, m_firstMessage, m_sampleOrg}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            updatePreview();
            updateButtons();
        });
    }
    connect(m_prompt, &QPlainTextEdit::textChanged, this, [this] {
        updatePreview();
        updateButtons();
    });
    connect(m_role, &QComboBox::currentIndexChanged, this, &AssistantsEditor::updatePreview);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_filling || row < 0 || row >= m_versions.size())
            return;
        const qint64 wanted = m_versions.at(row).version;
        if (wanted == m_selected)
            return;
        if (!isDirty())
            return selectVersion(wanted);
        // Keep the edits unless the user lets them go.
        m_filling = true;
        for (int i = 0; i < m_versions.size(); ++i) {
            if (m_versions.at(i).version == m_selected)
                m_list->setCurrentRow(i);
        }
        m_filling = false;
        confirmDestructive(this,
                           {tr("Discard changes"), tr("Discard your changes to version %1?").arg(m_selected),
                            tr("Save them as a new version first to keep them."), tr("Discard")},
                           this, [this, wanted] { selectVersion(wanted); });
    });
    connect(m_save, &QPushButton::clicked, this, &AssistantsEditor::save);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (const AssistantTemplateVersion *v = find(m_selected))
            fill(v->body);
    });
    connect(m_rollout, &QPushButton::clicked, this, &AssistantsEditor::rollOut);
    connect(m_dryRun, &QPushButton::clicked, this, &AssistantsEditor::dryRun);
    connect(m_rollback, &QPushButton::clicked, this, &AssistantsEditor::rollBack);
    updateButtons();
    reload();
}

const AssistantTemplateVersion *AssistantsEditor::find(qint64 version) const
{
    for (const AssistantTemplateVersion &v : m_versions) {
        if (v.version == version)
            return &v;
    }
    return nullptr;
}

RolloutDialog *AssistantsEditor::rolloutDialog() const
{
    return qobject_cast<RolloutDialog *>(m_lastRollout);
}

void AssistantsEditor::reload()
{
    m_busy = true;
    m_status->setText(tr("Reading the versions…"));
    updateButtons();
    m_engine.loadAssistantTemplates(this, [this](const AssistantTemplates &answer) { display(answer, m_selected); });
}

void AssistantsEditor::display(const AssistantTemplates &answer, qint64 select)
{
    m_busy = false;
    if (!answer.error.isEmpty()) {
        m_status->setText(tr("Could not read the assistant templates: %1").arg(answer.error));
        updateButtons();
        Q_EMIT loaded();
        return;
    }
    // Edits in progress survive a reload (after a rollout, say): only the list and the marks change.
    const bool keepEdits = isDirty();
    const AssistantTemplate edits = edited();
    m_versions = answer.versions;
    m_current = answer.current;
    m_filling = true;
    m_list->clear();
    const QLocale locale;
    for (const AssistantTemplateVersion &v : std::as_const(m_versions)) {
        QString text = tr("Version %1").arg(v.version);
        if (v.version == m_current)
            text = tr("★ %1").arg(text);
        if (!v.note.isEmpty())
            text += QStringLiteral(" — ") + v.note;
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, v.version);
        item->setToolTip(tr("Saved by %1 on %2").arg(v.createdBy, locale.toString(v.createdAt.toLocalTime(), QLocale::ShortFormat)));
    }
    m_filling = false;
    m_status->setText(m_current ? tr("New setups use version %1.").arg(m_current) : QString());
    if (keepEdits && find(select)) {
        selectVersion(select);
        fill(edits);
    } else {
        selectVersion(select && find(select) ? select : m_current);
    }
    Q_EMIT loaded();
}

void AssistantsEditor::selectVersion(qint64 version)
{
    const AssistantTemplateVersion *v = find(version);
    if (!v)
        return;
    m_selected = version;
    m_filling = true;
    for (int i = 0; i < m_versions.size(); ++i) {
        if (m_versions.at(i).version == version)
            m_list->setCurrentRow(i);
    }
    m_filling = false;
    fill(v->body);
}

void AssistantsEditor::fill(const AssistantTemplate &body)
{
    m_filling = true;
    m_modelProvider->setText(body.modelProvider);
    m_model->setText(body.model);
    m_voiceProvider->setText(body.voiceProvider);
    m_voiceId->setText(body.voiceId);
    m_firstMessage->setText(body.firstMessage);
    m_prompt->setPlainText(body.systemPrompt);
    m_filling = false;
    updatePreview();
    updateButtons();
}

AssistantTemplate AssistantsEditor::edited() const
{
    AssistantTemplate t;
    t.modelProvider = m_modelProvider->text().trimmed();
    t.model = m_model->text().trimmed();
    t.voiceProvider = m_voiceProvider->text().trimmed();
    t.voiceId = m_voiceId->text().trimmed();
    t.firstMessage = m_firstMessage->text();
    t.systemPrompt = m_prompt->toPlainText();
    return t;
}

bool AssistantsEditor::isDirty() const
{
    const AssistantTemplateVersion *v = find(m_selected);
    return v && v->body.toJson() != edited().toJson();
}

void AssistantsEditor::updatePreview()
{
    if (m_filling)
        return;
    const auto role = AssistantRole(m_role->currentData().toInt());
    const qint64 version = isDirty() || m_versions.isEmpty() ? (m_versions.isEmpty() ? 1 : m_versions.constFirst().version + 1) : m_selected;
    const QString org = m_sampleOrg->text().isEmpty() ? tr("Acme Dental") : m_sampleOrg->text();
    const QJsonObject body = edited().createBody(org, role, QStringLiteral("<run id>"), version);
    m_preview->setPlainText(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Indented)));
}

void AssistantsEditor::updateButtons()
{
    if (m_filling)
        return;
    const qint64 next = m_versions.isEmpty() ? 1 : m_versions.constFirst().version + 1;
    const AssistantTemplate t = edited();
    const bool complete = !t.modelProvider.isEmpty() && !t.model.isEmpty() && !t.voiceProvider.isEmpty() && !t.voiceId.isEmpty()
                          && !t.systemPrompt.trimmed().isEmpty() && !t.firstMessage.trimmed().isEmpty();
    const bool dirty = isDirty();
    m_save->setText(tr("&Save as version %1").arg(next));
    m_save->setEnabled(!m_busy && dirty && complete);
    m_save->setToolTip(complete ? tr("Saves the template as version %1; nothing changes at VAPI until it is rolled out").arg(next)
                                : tr("Every field needs a value"));
    m_revert->setEnabled(dirty);
    const bool configured = m_engine.isConfigured();
    m_rollout->setText(m_selected ? tr("R&oll out version %1…").arg(m_selected) : tr("R&oll out…"));
    m_rollout->setEnabled(!m_busy && configured && m_selected > 0 && !dirty);
    m_dryRun->setEnabled(!m_busy && configured && m_selected > 0 && !dirty);
    m_rollback->setEnabled(!m_busy && configured && m_versions.size() > 1
                           && std::any_of(m_versions.cbegin(), m_versions.cend(), [this](const AssistantTemplateVersion &v) { return v.version < m_current; }));
    if (dirty)
        m_rollout->setToolTip(tr("Save your changes as a version first"));
    else if (!configured)
        m_rollout->setToolTip(m_engine.configurationProblem());
    else
        m_rollout->setToolTip(tr("Update every active setup's assistants to version %1; it becomes the version new setups use").arg(m_selected));
}

void AssistantsEditor::save()
{
    if (!m_save->isEnabled())
        return;
    m_busy = true;
    updateButtons();
    m_status->setText(tr("Saving…"));
    m_engine.saveAssistantTemplate(edited(), m_note->text().trimmed(), this, [this](const Result<qint64> &saved) {
        m_busy = false;
        if (!saved) {
            m_status->setText(tr("Not saved: %1").arg(saved.error().message));
            updateButtons();
            return;
        }
        m_note->clear();
        m_status->setText(tr("Saved as version %1. Roll it out to update the existing assistants.").arg(saved.value()));
        const qint64 version = saved.value();
        m_busy = true;
        m_engine.loadAssistantTemplates(this, [this, version](const AssistantTemplates &answer) {
            display(answer, version);
            m_status->setText(tr("Saved as version %1. Roll it out to update the existing assistants.").arg(version));
        });
    });
}

void AssistantsEditor::startRollout(qint64 version, bool dryRun)
{
    auto *dialog = new RolloutDialog(m_engine, version, dryRun, window());
    m_lastRollout = dialog;
    connect(dialog, &RolloutDialog::rolloutFinished, this, [this] { reload(); });
    dialog->show();
}

void AssistantsEditor::rollOut()
{
    if (!m_rollout->isEnabled())
        return;
    const qint64 version = m_selected;
    confirmDestructive(this,
                       {tr("Roll out"), tr("Update the assistants of every active setup to version %1?").arg(version),
                        tr("Each assistant's model, system prompt, first message and voice are replaced; its other settings are kept. "
                           "Version %1 becomes the one new setups use. Roll back puts the previous version back the same way.")
                            .arg(version),
                        tr("Roll out")},
                       this, [this, version] { startRollout(version, false); });
}

void AssistantsEditor::dryRun()
{
    if (m_dryRun->isEnabled())
        startRollout(m_selected, true);
}

void AssistantsEditor::rollBack()
{
    if (!m_rollback->isEnabled())
        return;
    qint64 previous = 0;
    for (const AssistantTemplateVersion &v : std::as_const(m_versions)) { // newest first
        if (v.version < m_current) {
            previous = v.version;
            break;
        }
    }
    confirmDestructive(this,
                       {tr("Roll back"), tr("Put version %1 back on every active setup's assistants?").arg(previous),
                        tr("Version %1 becomes the one new setups use again.").arg(previous), tr("Roll back")},
                       this, [this] { startRollout(0, false); });
}

} // namespace oc
