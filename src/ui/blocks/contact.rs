//! A service on the help page: name, region, how to reach it.

use leptos::prelude::*;

use super::text::TextBlocks;
use crate::content::Contact;

#[component]
pub fn ContactView(contact: Contact) -> impl IntoView {
    let phone_link = contact.phone.as_ref().map(|p| {
        let digits: String = p
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        (format!("tel:{digits}"), p.clone())
    });
    view! {
        <section class="contact" data-test="contact">
            <h2 class="contact__title">{contact.title}</h2>
            {contact.region.map(|r| view! { <p class="contact__region">{r}</p> })}
            <TextBlocks blocks=contact.body/>
            // No empty list for a service without phone, e-mail or web address.
            {(phone_link.is_some() || contact.email.is_some() || contact.url.is_some()).then(|| view! {
            <ul class="contact__ways" role="list">
                {phone_link.map(|(href, label)| view! { <li><span class="contact__kind">{tr!(contact_phone)}" "</span><a href=href>{label}</a></li> })}
                {contact.email.map(|e| view! { <li><span class="contact__kind">{tr!(contact_email)}" "</span><a href=format!("mailto:{e}")>{e.clone()}</a></li> })}
                {contact.url.map(|u| view! {
                    <li><span class="contact__kind">{tr!(contact_web)}" "</span><a href=u.clone() target="_blank" rel="noopener noreferrer">{u.clone()}<span class="visually-hidden">{tr!(new_tab)}</span></a></li>
                })}
            </ul>
            })}
        </section>
    }
}
