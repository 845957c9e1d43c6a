#include "countrypicker.h"

#include "phone/countrycatalog.h"

#include <QCompleter>
#include <QLineEdit>

namespace oc {

namespace {

// Filters on SearchRole (name, dial code and ISO code) but puts the entry's own text into the field.
class CountryCompleter : public QCompleter
{
public:
    using QCompleter::QCompleter;
    QString pathFromIndex(const QModelIndex &index) const override { return index.data(Qt::DisplayRole).toString(); }
};

} // namespace

CountryPicker::CountryPicker(QWidget *parent) : QComboBox(parent)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(15);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    lineEdit()->setPlaceholderText(tr("Country name, code or dial code"));
    lineEdit()->setMaxLength(100);
    setAccessibleDescription(tr("Type part of a country's name, its code (US) or its dial code (+1)."));

    for (const phone::Country &c : phone::CountryCatalog::countries()) {
        addItem(tr("%1 (%2)").arg(c.name, c.dialCode), c.isoCode);
        const int row = count() - 1;
        setItemData(row, c.isoCode, IsoRole);
        setItemData(row, c.name, NameRole);
        setItemData(row, c.englishName, EnglishNameRole);
        setItemData(row, c.dialCode, DialRole);
        // In a translated console the English name finds the country too ("Germany" as well as "Deutschland").
        const QString names = c.englishName == c.name ? c.name : c.name + u' ' + c.englishName;
        setItemData(row, QStringLiteral("%1 %2 %3").arg(names, c.dialCode, c.isoCode), SearchRole);
    }
    auto *completer = new CountryCompleter(model(), this);
    completer->setCompletionRole(SearchRole);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(12);
    setCompleter(completer);
    // Picking from the popup selects the country even where QComboBox does not map the completion itself.
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &text) {
        if (const auto row = rowFor(text))
            setCurrentIndex(*row);
    });
    // "germany" typed and left: show it as the list does.
    connect(lineEdit(), &QLineEdit::editingFinished, this, [this] {
        if (const auto row = rowFor(currentText())) {
            setCurrentIndex(*row);
            setEditText(itemText(*row));
        }
    });
}

QString CountryPicker::countryCode() const
{
    const auto row = rowFor(currentText());
    return row ? itemData(*row, IsoRole).toString() : QString();
}

bool CountryPicker::setCountryCode(const QString &isoCode)
{
    const int row = findData(isoCode.toUpper(), IsoRole);
    if (row < 0)
        return false;
    setCurrentIndex(row);
    setEditText(itemText(row));
    return true;
}

std::optional<int> CountryPicker::rowFor(const QString &text) const
{
    const QString wanted = text.simplified();
    if (wanted.isEmpty() || wanted.size() > 100)
        return std::nullopt;
    const auto same = [&](const QVariant &v) { return v.toString().compare(wanted, Qt::CaseInsensitive) == 0; };
    for (int row = 0; row < count(); ++row) {
        if (same(itemText(row)) || same(itemData(row, SearchRole)))
            return row;
    }
    for (int row = 0; row < count(); ++row) {
        if (same(itemData(row, IsoRole)) || same(itemData(row, NameRole)) || same(itemData(row, EnglishNameRole)))
            return row;
    }
    // A dial code names a country only where no other shares it: "+44" does, "+1" does not.
    const QString dial = wanted.startsWith(u'+') ? wanted : u'+' + wanted;
    std::optional<int> found;
    for (int row = 0; row < count(); ++row) {
        if (itemData(row, DialRole).toString() == dial) {
            if (found)
                return std::nullopt;
            found = row;
        }
    }
    return found;
}

} // namespace oc
