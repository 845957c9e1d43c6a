#include "assistantseditor.h"
#include "console/consoleengine.h"
#include "console/liverollout.h"
#include "console/liverun.h"
#include "dashboardview.h"
#include "organizationsmodel.h"
#include "rolloutdialog.h"
#include "sandbox/sandbox.h"
#include "sandbox/sandboxstate.h"
#include "sandboxservices.h"
#include "stattile.h"
#include "store/store.h"
#include "store/storereader.h"
#include "messageboxes.h"
#include "testdatabase.h"
#include "vapi/assistanttemplate.h"

#include <QAbstractButton>
#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace oc;

// Settings → Assistants against the sandbox over HTTP with the real engine and store (issue 13): edit the
// template with its JSON preview, save version 2, roll it out with one organization's assistant refusing,
// watch the per-organization progress, roll back; a dry run changes nothing.
class TestAssistantsEditor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<test::SandboxServices> m_vendors;
    std::unique_ptr<ConsoleEngine> m_engine;
    std::unique_ptr<AssistantsEditor> m_editor;
    QList<Organization> m_orgs;

    QHash<QString, QJsonObject> assistants()
    {
        QHash<QString, QJsonObject> out;
        for (QJsonObject a : m_vendors->sandbox().state().assistants()) {
            a.remove(QStringLiteral("updatedAt"));
            out.insert(a.value(QStringLiteral("id")).toString(), a);
        }
        return out;
    }

    static QString systemPrompt(const QJsonObject &assistant)
    {
        const QJsonArray messages = assistant.value(QStringLiteral("model")).toObject().value(QStringLiteral("messages")).toArray();
        return messages.isEmpty() ? QString() : messages.first().toObject().value(QStringLiteral("content")).toString();
    }

    QMessageBox *openQuestion() const { return test::openQuestion(m_editor->window()); }


    // Answers the open question with the button `text`.
    void answer(const QString &text)
    {
        QTRY_VERIFY(openQuestion());
        QPointer<QMessageBox> box = openQuestion();
        QAbstractButton *button = test::buttonOf(box, text);
        QVERIFY2(button, qPrintable(text));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(!box || !box->isVisible());
    }

    static void saveScreenshot(QWidget &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("ORGCONSOLE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents();
        QVERIFY(w.grab().save(dir + QLatin1Char('/') + name));
    }

    RolloutDialog *finishedRollout()
    {
        RolloutDialog *dialog = nullptr;
        if (!QTest::qWaitFor([&] { return (dialog = m_editor->rolloutDialog()) != nullptr; }, 5000))
            return nullptr;
        QPointer<RolloutDialog> guard = dialog;
        if (!QTest::qWaitFor([&] { return guard && guard->rollout() && guard->rollout()->isFinished(); }, 60000))
            return nullptr;
        return guard;
    }

    QString result(RolloutDialog *dialog, const QString &organization, int column)
    {
        QStandardItemModel *model = dialog->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->item(row, RolloutDialog::OrganizationColumn)->text() == organization)
                return model->item(row, column)->text();
        }
        return QStringLiteral("(not listed)");
    }

private Q_SLOTS:
    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        m_store = Store::open(m_db->url()).value();
        m_vendors = test::SandboxServices::start(*m_store, &why);
        QVERIFY2(m_vendors, qPrintable(why));
        m_engine = std::make_unique<ConsoleEngine>(m_vendors->services(), QStringLiteral("tester"), 8);
        m_orgs.clear();
        for (const QString &name : {QStringLiteral("Bayview Dental"), QStringLiteral("Harbor <b>Plumbing</b> Inc"),
                                    QStringLiteral("Cedar Clinic 🌲")}) {
            const qint64 id = m_store->organizations()
                                  .add({name, QStringLiteral("owner%1@example.com").arg(m_orgs.size()), QStringLiteral("Owner"),
                                        QStringLiteral("usr_%1").arg(m_orgs.size()), OrgStatus::Pending, {}})
                                  .value();
            m_orgs << m_store->organizations().find(id).value();
        }
        QList<LiveRun *> runs;
        for (const Organization &org : std::as_const(m_orgs))
            runs << m_engine->approve(org, QStringLiteral("US"), QStringLiteral("510"));
        for (LiveRun *run : std::as_const(runs)) {
            QVERIFY(run);
            QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
            QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
        }
        QCOMPARE(m_vendors->ledgerCount("assistants"), 6);
        m_editor = std::make_unique<AssistantsEditor>(*m_engine);
        m_editor->resize(1000, 700);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
        QTRY_VERIFY(!m_editor->versions().isEmpty());
    }

    void cleanup()
    {
        m_editor.reset();
        m_engine.reset();
        m_vendors.reset();
        m_store.reset();
        m_db.reset();
    }

    void editPreviewSaveRollOutAndRollBack()
    {
        // The setups were made with version 1, the configured template; it is listed as the current one.
        QCOMPARE(m_editor->currentVersion(), 1);
        QCOMPARE(m_editor->selectedVersion(), 1);
        QVERIFY(m_editor->versionList()->item(0)->text().contains(QStringLiteral("★")));
        const QHash<QString, QJsonObject> before = assistants();
        const QString oldPrompt = m_editor->systemPrompt()->toPlainText();
        QVERIFY(!oldPrompt.isEmpty());
        QVERIFY(!m_editor->isDirty());
        QVERIFY(!m_editor->saveButton()->isEnabled()); // nothing to save yet
        QVERIFY(!m_editor->rollbackButton()->isEnabled()); // nothing before version 1

        // Editing shows, at once, the exact JSON a new assistant gets — for the organization and role asked for.
        m_editor->systemPrompt()->setPlainText(QStringLiteral("Version two: you answer the {role} line of {orgName}."));
        m_editor->previewOrganization()->setText(QStringLiteral("Harbor <b>Plumbing</b> Inc"));
        QVERIFY(m_editor->isDirty());
        const QString preview = m_editor->preview()->toPlainText();
        QVERIFY2(preview.contains(QStringLiteral("Version two: you answer the")), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("Harbor <b>Plumbing</b> Inc")), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("\"templateVersion\": 2")), qPrintable(preview));
        QVERIFY(!m_editor->rolloutButton()->isEnabled()); // save first
        QCOMPARE(m_editor->saveButton()->text().remove(QLatin1Char('&')), QStringLiteral("Save as version 2"));
        QVERIFY(m_editor->saveButton()->isEnabled());

        // Save: version 2 is in the database, selected, not yet the current one (nothing changed at VAPI).
        m_editor->noteField()->setText(QStringLiteral("shorter prompt"));
        QTest::mouseClick(m_editor->saveButton(), Qt::LeftButton);
        QTRY_COMPARE(m_editor->versions().size(), 2);
        QTRY_COMPARE(m_editor->selectedVersion(), 2);
        QCOMPARE(m_editor->currentVersion(), 1);
        QVERIFY(!m_editor->isDirty());
        QCOMPARE(assistants(), before);
        QVERIFY(m_editor->rolloutButton()->isEnabled());

        // Roll it out with Harbor's outbound assistant refusing every update: asked first; Cancel changes nothing.
        const AiConfig harbor = m_store->aiConfigs().findByOrganization(m_orgs[1].id).value();
        QVERIFY(m_vendors->sandbox().addFaults(QStringLiteral("vapi.assistant.update@%1=400").arg(harbor.outboundAssistantId)).ok());
        QTest::mouseClick(m_editor->rolloutButton(), Qt::LeftButton);
        answer(QStringLiteral("Cancel"));
        QVERIFY(!m_editor->rolloutDialog());
        QTest::mouseClick(m_editor->rolloutButton(), Qt::LeftButton);
        answer(QStringLiteral("Roll out"));
        RolloutDialog *dialog = finishedRollout();
        QVERIFY(dialog);
        QCOMPARE(dialog->model()->rowCount(), 3);
        QCOMPARE(result(dialog, m_orgs[0].companyName, RolloutDialog::ResultColumn), QStringLiteral("Updated"));
        QCOMPARE(result(dialog, m_orgs[2].companyName, RolloutDialog::ResultColumn), QStringLiteral("Updated"));
        QCOMPARE(result(dialog, m_orgs[1].companyName, RolloutDialog::ResultColumn), QStringLiteral("Failed"));
        QCOMPARE(result(dialog, m_orgs[0].companyName, RolloutDialog::DetailColumn), QStringLiteral("version 1 → 2"));
        QVERIFY(!result(dialog, m_orgs[1].companyName, RolloutDialog::DetailColumn).isEmpty());
        QCOMPARE(dialog->progress()->value(), dialog->progress()->maximum());
        QVERIFY(!dialog->cancelButton()->isEnabled());
        const QString summary = dialog->summary()->text();
        QVERIFY2(summary.contains(QStringLiteral("2 updated")) && summary.contains(QStringLiteral("1 failed")), qPrintable(summary));
        QVERIFY(!dialog->grab().isNull());
        saveScreenshot(*dialog, QStringLiteral("rollout.png"));
        saveScreenshot(*m_editor, QStringLiteral("assistants-editor.png"));

        // At VAPI: everyone at version 2 but Harbor, whose assistants are as they were; the editor says 2 is current.
        QHash<QString, QJsonObject> after = assistants();
        for (const Organization &org : std::as_const(m_orgs)) {
            const AiConfig config = m_store->aiConfigs().findByOrganization(org.id).value();
            for (const auto &[role, id] : {std::pair{AssistantRole::Inbound, config.inboundAssistantId},
                                           std::pair{AssistantRole::Outbound, config.outboundAssistantId}}) {
                if (org.id == harbor.organizationId) {
                    QCOMPARE(after.value(id), before.value(id));
                    continue;
                }
                QCOMPARE(AssistantTemplate::versionOf(after.value(id)), 2);
                QCOMPARE(systemPrompt(after.value(id)),
                         AssistantTemplate::render(QStringLiteral("Version two: you answer the {role} line of {orgName}."), org.companyName, role));
            }
        }
        QTRY_COMPARE(m_editor->currentVersion(), 2);
        QVERIFY(m_editor->rollbackButton()->isEnabled());
        dialog->close();
        QTRY_VERIFY(!m_editor->rolloutDialog());

        // Roll back: asked, then every assistant exactly as before — Harbor's were never changed.
        m_vendors->sandbox().clearFaults();
        QTest::mouseClick(m_editor->rollbackButton(), Qt::LeftButton);
        answer(QStringLiteral("Roll back"));
        dialog = finishedRollout();
        QVERIFY(dialog);
        QCOMPARE(result(dialog, m_orgs[0].companyName, RolloutDialog::ResultColumn), QStringLiteral("Updated"));
        QCOMPARE(result(dialog, m_orgs[1].companyName, RolloutDialog::ResultColumn), QStringLiteral("Already there"));
        after = assistants();
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            QJsonObject now = after.value(it.key());
            QCOMPARE(systemPrompt(now), systemPrompt(it.value()));
            QCOMPARE(AssistantTemplate::versionOf(now), 1);
        }
        QTRY_COMPARE(m_editor->currentVersion(), 1);
        QVERIFY(m_editor->versionList()->item(m_editor->versionList()->count() - 1)->text().contains(QStringLiteral("★")));
        QCOMPARE(m_editor->selectedVersion(), 2); // what the user picked stays picked
        m_editor->selectVersion(1);
        QCOMPARE(m_editor->systemPrompt()->toPlainText(), oldPrompt);
    }

    void dryRunChangesNothing()
    {
        m_editor->firstMessage()->setText(QStringLiteral("Hello from {orgName}, version two."));
        QTest::mouseClick(m_editor->saveButton(), Qt::LeftButton);
        QTRY_COMPARE(m_editor->selectedVersion(), 2);
        const QHash<QString, QJsonObject> before = assistants();
        QTest::mouseClick(m_editor->dryRunButton(), Qt::LeftButton); // nothing is changed: not asked
        RolloutDialog *dialog = finishedRollout();
        QVERIFY(dialog);
        QCOMPARE(dialog->model()->rowCount(), 3);
        for (const Organization &org : std::as_const(m_orgs)) {
            QCOMPARE(result(dialog, org.companyName, RolloutDialog::ResultColumn), QStringLiteral("Would change"));
            const QString detail = result(dialog, org.companyName, RolloutDialog::DetailColumn);
            QVERIFY2(detail.contains(QStringLiteral("firstMessage")), qPrintable(detail));
        }
        QVERIFY2(dialog->summary()->text().contains(QStringLiteral("Nothing was changed")), qPrintable(dialog->summary()->text()));
        QCOMPARE(assistants(), before);
        QCOMPARE(m_editor->currentVersion(), 1);
    }

    void unsavedChangesSurviveAReloadAndLeavingThemAsksFirst()
    {
        m_editor->firstMessage()->setText(QStringLiteral("Hello from {orgName}, version two."));
        QTest::mouseClick(m_editor->saveButton(), Qt::LeftButton);
        QTRY_COMPARE(m_editor->selectedVersion(), 2);
        m_editor->systemPrompt()->setPlainText(QStringLiteral("Edited, not saved."));
        QVERIFY(m_editor->isDirty());
        // A reload (as after a rollout) keeps them.
        QSignalSpy loaded(m_editor.get(), &AssistantsEditor::loaded);
        m_editor->reload();
        QTRY_VERIFY(loaded.count() >= 1);
        QCOMPARE(m_editor->systemPrompt()->toPlainText(), QStringLiteral("Edited, not saved."));
        QVERIFY(m_editor->isDirty());
        // Picking another version asks; Cancel keeps the edits and the selection.
        const int versionOneRow = m_editor->versionList()->count() - 1; // newest first
        m_editor->versionList()->setCurrentRow(versionOneRow);
        answer(QStringLiteral("Cancel"));
        QCOMPARE(m_editor->selectedVersion(), 2);
        QCOMPARE(m_editor->systemPrompt()->toPlainText(), QStringLiteral("Edited, not saved."));
        m_editor->versionList()->setCurrentRow(versionOneRow);
        answer(QStringLiteral("Discard"));
        QTRY_COMPARE(m_editor->selectedVersion(), 1);
        QVERIFY(!m_editor->isDirty());
        QVERIFY(m_editor->systemPrompt()->toPlainText() != QStringLiteral("Edited, not saved."));
    }

    // The dashboard counts the organizations whose assistants are behind the current version; the
    // organizations table says each one's version.
    void dashboardAndTableShowTheVersions()
    {
        m_editor->systemPrompt()->setPlainText(QStringLiteral("Version two for {orgName}."));
        QTest::mouseClick(m_editor->saveButton(), Qt::LeftButton);
        QTRY_COMPARE(m_editor->selectedVersion(), 2);
        const AiConfig cedar = m_store->aiConfigs().findByOrganization(m_orgs[2].id).value();
        QVERIFY(m_vendors->sandbox().addFaults(QStringLiteral("vapi.assistant.update@%1=400").arg(cedar.inboundAssistantId)).ok());
        QTest::mouseClick(m_editor->rolloutButton(), Qt::LeftButton);
        answer(QStringLiteral("Roll out"));
        QVERIFY(finishedRollout());

        DashboardView dashboard(*m_store);
        QSignalSpy refreshed(&dashboard, &DashboardView::refreshed);
        dashboard.show();
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(dashboard.stats().currentAssistantVersion, 2);
        QCOMPARE(dashboard.stats().assistantsBehind, 1);
        QVERIFY(dashboard.assistantsBehindTile());
        QVERIFY2(dashboard.assistantsBehindTile()->value() == QStringLiteral("1"), qPrintable(dashboard.assistantsBehindTile()->value()));

        StoreReader reader(*m_store);
        OrganizationsModel model(reader);
        QTRY_VERIFY(model.rowCount() == 3);
        QHash<qint64, QString> shown;
        for (int row = 0; row < model.rowCount(); ++row)
            shown.insert(model.organizationAt(row)->id, model.index(row, OrganizationsModel::AssistantsColumn).data().toString());
        QCOMPARE(shown.value(m_orgs[0].id), QStringLiteral("v2"));
        QCOMPARE(shown.value(m_orgs[2].id), QStringLiteral("v1"));
    }
};

QTEST_MAIN(TestAssistantsEditor)
#include "tst_assistantseditor.moc"
