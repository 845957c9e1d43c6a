#pragma once

#include <QComboBox>

#include <optional>

namespace oc {

// The countries Twilio sells local numbers in (phone::CountryCatalog: names in the UI language, dial codes
// from libphonenumber), as an editable combo box with type-to-search by name — English too —, ISO code or
// dial code. currentData() is the ISO code of the selected row.
class CountryPicker : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CountryPicker)

public:
    // IsoRole holds the ISO code; so does Qt::UserRole, for findData()/currentData() without a role.
    enum Role { IsoRole = Qt::UserRole + 1, NameRole, EnglishNameRole, DialRole, SearchRole };

    explicit CountryPicker(QWidget *parent = nullptr);

    // The ISO code of what is typed or picked ("germany", "DE", "+49", the list's own text), else empty.
    QString countryCode() const;
    // Selects the country and shows it as the list does; false for a code not in the list.
    bool setCountryCode(const QString &isoCode);
    // The row the text names, if exactly one: a shared dial code ("+1") names none.
    std::optional<int> rowFor(const QString &text) const;
};

} // namespace oc
